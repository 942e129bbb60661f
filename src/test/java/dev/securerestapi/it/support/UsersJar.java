package dev.securerestapi.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar target/secure-rest-api-users.jar} as an operator would, with no terminal. */
public final class UsersJar {

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private UsersJar() {}

    /** {@code args} after {@code --file file}; {@code stdin} is written to its standard input (null: none). */
    public static Result run(Path file, String stdin, String... args) {
        List<String> options = new ArrayList<>(List.of("--file", file.toString()));
        options.addAll(List.of(args));
        return command(stdin, options);
    }

    /** {@code args} after {@code --database-config config}: the users of the shared database. */
    public static Result onDatabase(Path config, String stdin, String... args) {
        List<String> options = new ArrayList<>(List.of("--database-config", config.toString()));
        options.addAll(List.of(args));
        return command(stdin, options);
    }

    private static Result command(String stdin, List<String> options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ItConfig.usersJar().toString()));
        command.addAll(options);
        try {
            Process process = new ProcessBuilder(command).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the users command did not finish in 60 s: " + command);
            }
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
