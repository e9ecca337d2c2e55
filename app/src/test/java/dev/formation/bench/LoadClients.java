package dev.formation.bench;

import dev.formation.testing.Api;
import dev.formation.testing.Customers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Client threads that keep the app busy over real HTTP as users would: list pages, record
 * pages, new customers and saved edits, each timed and checked. A request that throws, times
 * out or answers anything but its success status is a failure. Each thread edits only its own
 * share of the rows, so an edit never loses an optimistic-lock race against another thread and
 * a 409 means something went wrong.
 */
final class LoadClients implements AutoCloseable {

    enum Op {
        LIST, DETAIL, CREATE, UPDATE;

        boolean write() {
            return this == CREATE || this == UPDATE;
        }
    }

    /** One request: what, when it started and ended ({@link System#nanoTime}), and why it failed if it did. */
    record Sample(Op op, long start, long end, String failure) {
        boolean ok() {
            return failure == null;
        }

        long micros() {
            return (end - start) / 1_000;
        }
    }

    private static final String RECORDS = "/api/forms/customer/records";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final CustomerRows.Loaded rows;
    private final int[] mix;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    /** A field the published form has gained, which new customers then carry; null before. */
    private volatile String newField;

    /** {@code mix}: the weights of list, detail, create and update. */
    LoadClients(String baseUrl, String token, CustomerRows.Loaded rows, int[] mix) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.rows = rows;
        this.mix = mix.clone();
    }

    void start(int count) {
        for (int i = 0; i < count; i++) {
            int index = i;
            Thread t = new Thread(() -> run(index, count), "bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void carry(String field) {
        this.newField = field;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void run(int index, int of) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        int total = mix[0] + mix[1] + mix[2] + mix[3];
        while (running) {
            int pick = ThreadLocalRandom.current().nextInt(total);
            if (pick < mix[0]) {
                int page = 1 + ThreadLocalRandom.current().nextInt(5);
                call(http, Op.LIST, get(RECORDS + "?page=" + page + "&size=20"), 200);
            } else if (pick < mix[0] + mix[1]) {
                call(http, Op.DETAIL, get(RECORDS + "/" + randomRow()), 200);
            } else if (pick < mix[0] + mix[1] + mix[2]) {
                Map<String, Object> customer = Customers.valid(Customers.uniqueName("压测"));
                String field = newField;
                if (field != null) {
                    customer.put(field, "wx_" + ThreadLocalRandom.current().nextInt(1_000_000));
                }
                call(http, Op.CREATE, send("POST", RECORDS, customer), 201);
            } else {
                update(http, ownRow(index, of));
            }
        }
    }

    /** Reads the record for its version, then saves a change to it (two samples). */
    private void update(HttpClient http, long id) {
        String body = call(http, Op.DETAIL, get(RECORDS + "/" + id), 200);
        if (body == null) {
            return;
        }
        long version;
        try {
            version = Api.JSON.readTree(body).path("version").asLong();
        } catch (java.io.IOException e) {
            samples.add(new Sample(Op.DETAIL, System.nanoTime(), System.nanoTime(), "unreadable body: " + e.getMessage()));
            return;
        }
        call(http, Op.UPDATE, send("PATCH", RECORDS + "/" + id, Map.of("version", version,
                "former_name", "改名" + ThreadLocalRandom.current().nextInt(1_000_000))), 200);
    }

    private long randomRow() {
        return rows.first() + ThreadLocalRandom.current().nextLong(rows.count());
    }

    /** A loaded row whose position modulo {@code of} is {@code index}. */
    private long ownRow(int index, int of) {
        long shares = Math.max(1, rows.count() / of);
        long id = rows.first() + ThreadLocalRandom.current().nextLong(shares) * of + index;
        return Math.min(id, rows.last());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    }

    private HttpRequest.Builder send(String method, String path, Object body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Api.toJson(body)));
    }

    /** Sends, records the sample, and gives the body back when the status was {@code expected}. */
    private String call(HttpClient http, Op op, HttpRequest.Builder request, int expected) {
        HttpRequest r = request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(TIMEOUT).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            if (response.statusCode() != expected) {
                String body = response.body();
                samples.add(new Sample(op, start, end, response.statusCode() + " " + r.method() + " " + r.uri().getPath()
                        + ": " + body.substring(0, Math.min(300, body.length()))));
                return null;
            }
            samples.add(new Sample(op, start, end, null));
            return response.body();
        } catch (java.io.IOException e) {
            samples.add(new Sample(op, start, System.nanoTime(), e.getClass().getSimpleName() + " " + r.method() + " "
                    + r.uri().getPath() + ": " + e.getMessage()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return null;
        }
    }

    /** Tells the threads to stop after their current request and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(TIMEOUT.toMillis() * 2);
        }
    }

    /** The weights of list, detail, create and update from {@code "20,50,15,15"}. */
    static int[] mix(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bench.mix needs list,detail,create,update weights: " + text);
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        if (out[0] + out[1] + out[2] + out[3] <= 0) {
            throw new IllegalArgumentException("bench.mix weights are all zero: " + text);
        }
        return out;
    }
}
