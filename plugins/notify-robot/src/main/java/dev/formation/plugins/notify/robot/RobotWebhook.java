package dev.formation.plugins.notify.robot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.plugin.api.NotifierException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One JSON POST to a group robot and the reading of its answer. Both DingTalk and WeCom answer
 * HTTP 200 even when they refuse a message, with {@code {"errcode":310000,"errmsg":"..."}} in
 * the body, so a 200 counts only when its {@code errcode} is 0. Every failure is a
 * {@link NotifierException} naming the robot and the reason, which the engine retries with
 * back-off; the webhook's query (the access token or key) never appears in one.
 */
public final class RobotWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String robot;
    private final HttpClient client;
    private final Duration timeout;

    /** @param robot the robot's name in messages, e.g. {@code "DingTalk robot"} */
    public RobotWebhook(String robot, Duration timeout) {
        this.robot = robot;
        this.timeout = timeout;
        // HTTP/1.1: the robots' servers speak it, and a local test server has no HTTP/2 upgrade
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Writes a message as JSON (the robots take UTF-8 JSON only). */
    public static String json(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a robot message of maps and strings is always JSON", e);
        }
    }

    /** Posts {@code json} to {@code uri}; returns when the robot said {@code errcode} 0. */
    public void post(URI uri, String json) throws NotifierException {
        String where = robot + " at " + where(uri);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new NotifierException(where + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new NotifierException("cannot reach " + where + ": " + describe(e), e);
        } catch (InterruptedException e) {
            // the node is shutting down: keep the flag; the message stays in the outbox for a retry
            Thread.currentThread().interrupt();
            throw new NotifierException("sending to " + where + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new NotifierException(where + " answered HTTP " + response.statusCode() + ": "
                    + printable(response.body()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.path("errcode").canConvertToLong()) {
            throw new NotifierException(where + " gave an answer without an errcode: " + printable(response.body()));
        }
        long code = answer.path("errcode").asLong();
        if (code != 0) {
            throw new NotifierException(where + " refused the message: errcode " + code + ", errmsg "
                    + printable(answer.path("errmsg").asText("")));
        }
    }

    /** The address without its query: the access token or key stays out of logs and errors. */
    public static String where(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
        }
        if (uri.getPort() != -1) {
            out.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        return out.toString();
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + message;
    }

    /** What a server sent, made safe for one log line. */
    private static String printable(String s) {
        if (s == null || s.isEmpty()) {
            return "(empty)";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), 400));
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String line = out.toString().strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
