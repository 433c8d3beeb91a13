package io.rotabot.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rotabot.RotabotApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Rotabot in a JVM of its own, started from the test's class path as an operator would start the jar:
 * properties on the command line, secrets in the environment, its output in a file. It can be killed
 * with SIGKILL, which no shutdown hook, finally block or transaction sees.
 */
final class RotabotProcess implements AutoCloseable {

    /** What a JVM killed by a signal exits with on Linux: 128 + the signal's number (SIGKILL is 9). */
    static final int KILLED_BY_SIGKILL = 128 + 9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path output;
    private final int port;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread killOnExit;

    private RotabotProcess(Process process, Path output, int port, String adminPassword) {
        this.process = process;
        this.output = output;
        this.port = port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        // a test JVM that dies leaves no Rotabot behind
        this.killOnExit = new Thread(process::destroyForcibly, "kill " + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts Rotabot on a free port; returns at once, see {@link #awaitServing}.
     *
     * @param properties command-line properties, as {@code --key=value}
     * @param environment environment variables (the secrets), added to this JVM's
     * @param adminPassword the administrator's password, which {@link #call} signs in with
     * @param output the file its standard output and error go to
     */
    static RotabotProcess start(Map<String, String> properties, Map<String, String> environment, String adminPassword,
                                Path output) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the machine is small and shared: a quick start matters more than peak speed
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                RotabotApplication.class.getName(),
                "--server.port=" + port));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("user.dir")).toFile()) // bpmn/ and rules/ are read from here
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return new RotabotProcess(builder.start(), output, port, adminPassword);
    }

    /** Waits until the API answers an administrator; fails with the output's tail if the JVM ends first or is too slow. */
    RotabotProcess awaitServing(Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .failFast("the JVM ended", () -> !process.isAlive())
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> call("GET", "/api/rotations?limit=1", null).statusCode() == 200);
            return this;
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError("Rotabot (pid " + process.pid() + ") did not start serving within " + timeout + " ("
                    + e.getMessage() + "); the end of " + output + ":\n" + tail(80), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits for the JVM to be gone.
     *
     * @return what was seen of the kill, for the test to assert
     */
    Kill sigkill() throws InterruptedException {
        long pid = process.pid();
        boolean aliveBefore = process.isAlive();
        process.destroyForcibly();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        boolean gone = ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        removeShutdownHook();
        return new Kill(pid, aliveBefore, ended ? process.exitValue() : -1, gone);
    }

    /** What a kill did: the process was alive, it exited by SIGKILL, and no process of that id lives on. */
    record Kill(long pid, boolean aliveBefore, int exitValue, boolean gone) {

        boolean wasSigkillOfALiveProcess() {
            return aliveBefore && exitValue == KILLED_BY_SIGKILL && gone;
        }
    }

    /** An HTTP call as the administrator; body null for none. */
    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP call as the administrator that must succeed (2xx); its JSON answer. */
    JsonNode json(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = call(method, path, body);
        if (answer.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.nullNode() : JSON.readTree(answer.body());
    }

    /** An unauthenticated POST, as Autotask delivers a webhook. */
    HttpResponse<String> deliver(String path, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines of the JVM's output. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output in " + output + ": " + e.getMessage() + ")";
        }
    }

    Path output() {
        return output;
    }

    /** Stops it as an operator would (SIGTERM, graceful shutdown), or kills it if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
