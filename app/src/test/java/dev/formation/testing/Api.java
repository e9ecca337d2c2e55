package dev.formation.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;

import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real HTTP against the running app through Micronaut's HttpClient. Error statuses come back
 * as responses (not exceptions) so a test can assert on 4xx bodies and headers.
 */
public final class Api implements AutoCloseable {

    public static final String PASSWORD = "demo123";
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final BlockingHttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(URL url) {
        DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
        config.setExceptionOnErrorStatus(false);
        config.setFollowRedirects(false);
        config.setReadTimeout(Duration.ofSeconds(60));
        config.setMaxContentLength(50 * 1024 * 1024);
        this.client = HttpClient.create(url, config);
        this.http = client.toBlocking();
    }

    /** Requests without a token. */
    public Call anonymous() {
        return new Call(null);
    }

    /** Requests as a demo user (password demo123), logging in once per user. */
    public Call as(String username) {
        return new Call(tokens.computeIfAbsent(username, u -> login(u, PASSWORD)));
    }

    public Call withToken(String token) {
        return new Call(token);
    }

    public String login(String username, String password) {
        Response r = anonymous().post("/api/login", Map.of("username", username, "password", password));
        assertEquals(200, r.status(), () -> "login as " + username + ": " + r.body());
        return r.json().get("access_token").asText();
    }

    @Override
    public void close() {
        client.close();
    }

    /** One request in the making: token, extra headers. */
    public final class Call {
        private final String token;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String token) {
            this.token = token;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call english() {
            return header("Accept-Language", "en");
        }

        public Response get(String path) {
            return send(HttpMethod.GET, path, null);
        }

        /** A GET whose body is kept as bytes (a downloaded file). */
        public Download download(String path) {
            MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.GET, path);
            if (token != null) {
                request.bearerAuth(token);
            }
            headers.forEach(request::header);
            HttpResponse<?> response;
            try {
                response = http.exchange(request, Argument.of(byte[].class), Argument.STRING);
            } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                // an error answer (404 problem+json) to a request for bytes
                response = e.getResponse();
            }
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            response.getHeaders().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values));
            return new Download("GET " + path, response.code(), responseHeaders,
                    response.getBody(byte[].class).orElseGet(() -> new byte[0]));
        }

        public Response delete(String path) {
            return send(HttpMethod.DELETE, path, null);
        }

        /** {@code body}: a String is sent as it is (to send broken JSON); anything else as JSON. */
        public Response post(String path, Object body) {
            return send(HttpMethod.POST, path, body);
        }

        public Response patch(String path, Object body) {
            return send(HttpMethod.PATCH, path, body);
        }

        public Response send(HttpMethod method, String path, Object body) {
            return send(method, path, body == null ? null : MediaType.APPLICATION_JSON_TYPE,
                    body instanceof String || body == null ? body : toJson(body));
        }

        /** A body of another type, e.g. a {@code MultipartBody} with {@code multipart/form-data}. */
        public Response send(HttpMethod method, String path, MediaType contentType, Object body) {
            MutableHttpRequest<Object> request = HttpRequest.create(method, path);
            if (token != null) {
                request.bearerAuth(token);
            }
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(contentType);
                request.body(body);
            }
            HttpResponse<String> response = http.exchange(request, Argument.STRING, Argument.STRING);
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            response.getHeaders().forEach((name, values) -> responseHeaders.put(name.toLowerCase(), values));
            return new Response(method + " " + path, response.code(), responseHeaders,
                    response.getBody(String.class).orElse(""));
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A downloaded file, or the error that came instead. */
    public record Download(String request, int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public Download expect(int expected) {
            assertEquals(expected, status, () -> request + " -> " + status + ": "
                    + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            return this;
        }
    }

    /** What came back. */
    public record Response(String request, int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(request + " -> " + status + ": body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String contentType() {
            String type = header("content-type");
            return type == null ? "" : type;
        }

        /** Asserts the status and returns this, with the body in the failure message. */
        public Response expect(int expected) {
            assertEquals(expected, status, () -> request + " -> " + status + ": " + body);
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }
}
