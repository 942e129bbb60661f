package dev.securerestapi.realm;

/**
 * A realm file the container would not read as the operator meant: where (line, 1-based) and why.
 * The message never quotes the file, which may hold a password typed in the wrong place.
 */
public final class MalformedRealmFile extends Exception {

    private final int line;
    private final String reason;

    public MalformedRealmFile(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
