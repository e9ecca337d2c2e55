package dev.formation.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application as an operator starts it: a separate {@code java} process running the
 * packaged jar (or, when it has not been built, {@code dev.formation.Application} on this test's
 * class path), configured only through the environment variables and {@code -D} properties
 * given. Nothing of this JVM's settings leaks in: inherited {@code FORMATION_*},
 * {@code DATASOURCES_*} and {@code MICRONAUT_*} variables are removed.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final Api api;

    private AppProcess(Process process, Path log, int port) throws MalformedURLException {
        this.process = process;
        this.log = log;
        this.port = port;
        this.api = new Api(URI.create("http://127.0.0.1:" + port).toURL());
    }

    /** A port nobody listens on right now, for {@code micronaut.server.port}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the app and waits until {@code /health} answers 200 on {@code port}.
     *
     * @param port the port the settings tell the app to listen on
     */
    public static AppProcess start(Map<String, String> environment, Map<String, String> systemProperties, int port,
                                   Path log, Duration timeout) throws IOException, InterruptedException {
        return start(environment, systemProperties, port, log, timeout, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }

    /**
     * The same with the JVM's own options (heap, GC, JIT), e.g. a benchmark's server-like settings
     * instead of the tests' fast start.
     */
    public static AppProcess start(Map<String, String> environment, Map<String, String> systemProperties, int port,
                                   Path log, Duration timeout, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        Path jar = Path.of(System.getProperty("formation.test.jar", "target/formation.jar"));
        if (Files.isRegularFile(jar)) {
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.formation.Application");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("FORMATION_") || k.startsWith("DATASOURCES_")
                || k.startsWith("MICRONAUT_"));
        pb.environment().putAll(environment);
        AppProcess app = new AppProcess(pb.start(), log, port);
        app.awaitHealthy(timeout);
        return app;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the app stopped with exit code " + process.exitValue() + ":\n" + output());
            }
            if (healthy()) {
                return;
            }
            // the process is starting; ask again when it had a moment (waitFor returns early if it dies)
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        close();
        throw new AssertionError("the app did not answer /health on port " + port + " within " + timeout + ":\n"
                + output());
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health").openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    public Api api() {
        return api;
    }

    /** The process id, for {@code /proc/<pid>/status} and {@code jcmd}. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What the app wrote to stdout and stderr so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        api.close();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
