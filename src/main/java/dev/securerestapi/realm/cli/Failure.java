package dev.securerestapi.realm.cli;

/** A mistake the command reports on standard error, with the exit code that names its kind. */
final class Failure extends Exception {

    static final int MISMATCH = 1;
    static final int USAGE = 2;
    static final int NO_SUCH_USER = 3;
    static final int USER_EXISTS = 4;
    static final int BAD_PASSWORD = 5;
    static final int FILE = 6;

    private final int exitCode;

    Failure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
