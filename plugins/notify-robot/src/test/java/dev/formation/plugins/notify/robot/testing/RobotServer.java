package dev.formation.plugins.notify.robot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for DingTalk's or WeCom's robot service on the loopback interface, with the JDK's
 * HTTP server. Like the real services it checks what they check (the access token and the
 * signature, or the key; JSON with a markdown message in the robot's shape) and answers HTTP 200
 * with {@code errcode} 0, or with the service's own error code and message; it keeps every
 * request it took, accepted or not. A test can make it answer something else
 * ({@link #answerNext}) or sit on the next request ({@link #holdNext}).
 */
public final class RobotServer implements AutoCloseable {

    /** What DingTalk answers a bad signature or a stale timestamp. */
    public static final int DINGTALK_SIGN_MISMATCH = 310000;
    /** What DingTalk answers an unknown access token. */
    public static final int DINGTALK_TOKEN_MISSING = 300001;
    /** What WeCom answers an unknown key. */
    public static final int WECOM_INVALID_KEY = 93000;
    /** The code both give a message that is not valid for its type. */
    public static final int BAD_MESSAGE = 40035;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server got it. */
    public record Received(String path, Map<String, String> query, String contentType, String body, int errcode,
                           String errmsg) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public boolean accepted() {
            return errcode == 0;
        }
    }

    private enum Kind { DINGTALK, WECOM }

    private final Kind kind;
    private final String credential;
    private final String secret;
    private final Clock clock;
    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile String nextAnswer;
    private volatile int nextStatus;
    private volatile boolean holdNext;
    /** Counted down at {@link #close()}: lets every held request go. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    private RobotServer(Kind kind, String credential, String secret, Clock clock) throws IOException {
        this.kind = kind;
        this.credential = credential;
        this.secret = secret;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // a thread per request: a held one must not keep the others (or stop()) waiting
        server.setExecutor(handlers);
        server.start();
    }

    /**
     * DingTalk's {@code /robot/send}: the access token must match, and with a secret the
     * {@code timestamp} must be within an hour of the server's clock and {@code sign} match it.
     */
    public static RobotServer dingTalk(String accessToken, String secret) {
        return start(Kind.DINGTALK, accessToken, secret);
    }

    /** WeCom's {@code /cgi-bin/webhook/send}: the key must match; WeCom's group robot checks no signature. */
    public static RobotServer weCom(String key) {
        return start(Kind.WECOM, key, null);
    }

    private static RobotServer start(Kind kind, String credential, String secret) {
        try {
            return new RobotServer(kind, credential, secret, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test robot server", e);
        }
    }

    /** The webhook an administrator would paste, pointing here, with the given credential. */
    public String webhook(String credentialInUrl) {
        String base = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
        return kind == Kind.DINGTALK ? base + "/robot/send?access_token=" + credentialInUrl
                : base + "/cgi-bin/webhook/send?key=" + credentialInUrl;
    }

    /** The webhook with the right credential. */
    public String webhook() {
        return webhook(credential);
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The accepted messages, oldest first. */
    public List<Received> accepted() {
        return received().stream().filter(Received::accepted).toList();
    }

    /** Answers the next request with this status and body instead of judging it. */
    public void answerNext(int status, String body) {
        nextStatus = status;
        nextAnswer = body;
    }

    /** Makes the server sit on the next request until {@link #close()}: a robot that never answers. */
    public void holdNext() {
        holdNext = true;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (holdNext) {
                holdNext = false;
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String path = exchange.getRequestURI().getPath();
            String forced = nextAnswer;
            if (forced != null) {
                nextAnswer = null;
                record(new Received(path, query, contentType, body, -1, "forced answer"));
                respond(exchange, nextStatus, forced);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "");
                return;
            }
            String[] verdict = judge(path, query, contentType, body);
            int errcode = Integer.parseInt(verdict[0]);
            record(new Received(path, query, contentType, body, errcode, verdict[1]));
            respond(exchange, 200, JSON.writeValueAsString(Map.of("errcode", errcode, "errmsg", verdict[1])));
        }
    }

    private void record(Received r) {
        synchronized (received) {
            received.add(r);
        }
    }

    /** {errcode, errmsg} as the real service would answer. */
    private String[] judge(String path, Map<String, String> query, String contentType, String body) {
        if (kind == Kind.DINGTALK) {
            if (!path.equals("/robot/send") || !credential.equals(query.get("access_token"))) {
                return new String[] {String.valueOf(DINGTALK_TOKEN_MISSING), "Token is not exist"};
            }
            if (secret != null) {
                String timestamp = query.get("timestamp");
                String sign = query.get("sign");
                if (timestamp == null || sign == null || !timestamp.matches("[0-9]{13}")
                        || Math.abs(clock.millis() - Long.parseLong(timestamp)) > Duration.ofHours(1).toMillis()
                        || !sign.equals(sign(Long.parseLong(timestamp)))) {
                    return new String[] {String.valueOf(DINGTALK_SIGN_MISMATCH),
                            "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"};
                }
            }
        } else if (!path.equals("/cgi-bin/webhook/send") || !credential.equals(query.get("key"))) {
            return new String[] {String.valueOf(WECOM_INVALID_KEY), "invalid webhook url"};
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new String[] {String.valueOf(BAD_MESSAGE), "content type is not json"};
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            return new String[] {String.valueOf(BAD_MESSAGE), "invalid json"};
        }
        JsonNode markdown = message.path("markdown");
        boolean shaped = message.path("msgtype").asText().equals("markdown") && (kind == Kind.DINGTALK
                ? !markdown.path("title").asText().isBlank() && !markdown.path("text").asText().isBlank()
                : !markdown.path("content").asText().isBlank()
                && markdown.path("content").asText().getBytes(StandardCharsets.UTF_8).length <= 4096);
        if (!shaped) {
            return new String[] {String.valueOf(BAD_MESSAGE), "invalid markdown message"};
        }
        return new String[] {"0", "ok"};
    }

    /** DingTalk's rule, written here independently of the plugin's code. */
    private String sign(long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
