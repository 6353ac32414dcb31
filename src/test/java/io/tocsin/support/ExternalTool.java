package io.tocsin.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test drives (a Debian package, Node): found on the PATH, or the test is skipped with a clear
 * message on a developer machine and fails under CI ({@code CI=true}), where .ci/run installs it.
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    public static boolean underCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** The executable, or the test stops here: skipped outside CI, failed under CI. */
    public static Path require(String name, String installHint) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            var candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = name + " is not installed (" + installHint + "); .ci/run installs it";
        if (underCi()) {
            Assertions.fail(message + ", so under CI its absence is a failure");
        }
        Assumptions.assumeTrue(false, message + ": skipped outside CI");
        return null;
    }

    /** What a finished program printed (stdout and stderr together). */
    public record Run(int exitCode, String output) {
        public Run expectSuccess() {
            assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
            return this;
        }

        /** The last line printed, where the scripts put their JSON result. */
        public String lastLine() {
            var lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }
    }

    /** Runs a program to its end (at most {@code timeout}; it is ended if it takes longer). */
    public static Run run(List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new StringBuilder();
        var reader = Thread.ofVirtual().start(() -> {
            try (var in = process.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process went away; what was read is kept
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(5));
            Assertions.fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
        }
        reader.join(Duration.ofSeconds(5));
        return new Run(process.exitValue(), output.toString());
    }
}
