package dev.formation.plugins.notify.smtp.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * GreenMail, behind a line-level front on the loopback interface. GreenMail answers the
 * commands and checks the credentials; the front plays the parts a test needs and GreenMail
 * 2.1 has not: it records the commands, offers STARTTLS (and upgrades with a test certificate),
 * offers only some AUTH mechanisms and requires AUTH before MAIL, refuses a command on purpose
 * ({@link Builder#failOn}), and sits on a message like a slow relay ({@link #holdNextMessage()}).
 * A message is in {@link #messages()} before its 250 reaches the client.
 */
public final class GreenMailFront implements AutoCloseable {

    private static final Pattern MAIL_FROM = Pattern.compile("MAIL FROM:\\s*<([^>]*)>.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern RCPT_TO = Pattern.compile("RCPT TO:\\s*<([^>]+)>.*", Pattern.CASE_INSENSITIVE);

    private final GreenMail greenMail;
    private final List<String> mechanisms;
    private final SSLContext tls;
    private final Map<String, String> failures;
    private final ServerSocket serverSocket;
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile Hold hold;

    /** One message the front sits on: taken by the first message after {@link #holdNextMessage()}. */
    private static final class Hold {
        private final AtomicBoolean taken = new AtomicBoolean();
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
    }

    private GreenMailFront(Builder builder) throws IOException {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        builder.users.forEach((user, password) -> greenMail.setUser(user + "@localhost", user, password));
        mechanisms = builder.users.isEmpty() ? List.of() : List.copyOf(builder.mechanisms);
        tls = builder.tls;
        failures = Map.copyOf(builder.failures);
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "greenmail-front-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Takes any message, without AUTH or TLS. */
    public static GreenMailFront start() {
        return builder().start();
    }

    /** The loopback address as a literal (not "localhost", which may be IPv6 first). */
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The GreenMail behind the front, for its own view of what it stored. */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** The messages GreenMail accepted so far, oldest first. */
    public List<ReceivedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits until at least {@code count} messages arrived, for clients that send in the background. */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " messages within " + timeout + ", got "
                            + messages.size());
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(messages);
        }
    }

    /**
     * Every command line received on every connection, in order, as sent (so AUTH PLAIN lines
     * carry their credentials); message contents and AUTH continuation lines are left out.
     */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Makes the front sit on the next message, before GreenMail sees its end, until {@link #releaseHeld()}. */
    public void holdNextMessage() {
        hold = new Hold();
    }

    public void awaitHolding(Duration timeout) throws InterruptedException {
        Hold h = hold;
        if (h == null || !h.holding.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no message was held within " + timeout);
        }
    }

    public void releaseHeld() {
        Hold h = hold;
        if (h != null) {
            h.released.countDown();
        }
    }

    /** Forgets received messages and commands, for a server shared by several tests. */
    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
        synchronized (commands) {
            commands.clear();
        }
    }

    public void stop() {
        releaseHeld();
        closeQuietly(serverSocket);
        connections.forEach(GreenMailFront::closeQuietly);
        greenMail.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                connections.add(client);
                Thread t = new Thread(() -> serve(client), "greenmail-front-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // stopped
            }
        }
    }

    private void serve(Socket client) {
        try (Socket c = client; Socket upstream = new Socket(greenMail.getSmtp().getBindTo(),
                greenMail.getSmtp().getPort())) {
            connections.add(upstream);
            new Connection(c, upstream).run();
        } catch (IOException | InterruptedException e) {
            // the client hung up, the TLS handshake failed or the front stopped: the conversation is over
        } finally {
            connections.remove(client);
        }
    }

    /** One client's conversation, relayed to GreenMail one command at a time. */
    private final class Connection {
        private Socket client;
        private InputStream in;
        private OutputStream out;
        private final InputStream upIn;
        private final OutputStream upOut;
        private boolean secure;
        private String user;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Connection(Socket client, Socket upstream) throws IOException {
            this.client = client;
            this.in = new BufferedInputStream(client.getInputStream());
            this.out = client.getOutputStream();
            this.upIn = new BufferedInputStream(upstream.getInputStream());
            this.upOut = upstream.getOutputStream();
        }

        void run() throws IOException, InterruptedException {
            reply(readReply(upIn));
            String line;
            while ((line = readLine(in)) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                synchronized (commands) {
                    commands.add(line);
                }
                String failure = failures.get(verb);
                if (failure != null) {
                    reply(List.of(failure.split("\n")));
                    continue;
                }
                switch (verb) {
                    case "EHLO" -> ehlo(line);
                    case "STARTTLS" -> startTls();
                    case "AUTH" -> auth(line);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> {
                        if (code(relay(line)) == 250) {
                            Matcher m = RCPT_TO.matcher(line);
                            recipients.add(m.matches() ? m.group(1) : line);
                        }
                    }
                    case "DATA" -> data();
                    case "QUIT" -> {
                        relay(line);
                        return;
                    }
                    default -> relay(line);
                }
            }
        }

        private void ehlo(String line) throws IOException {
            send(upOut, line);
            List<String> greenMailReply = readReply(upIn);
            List<String> offers = new ArrayList<>();
            offers.add(greenMailReply.get(0).substring(4));
            if (tls != null && !secure) {
                offers.add("STARTTLS");
            }
            if (!mechanisms.isEmpty()) {
                offers.add("AUTH " + String.join(" ", mechanisms));
            }
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < offers.size(); i++) {
                lines.add("250" + (i == offers.size() - 1 ? " " : "-") + offers.get(i));
            }
            reply(lines);
        }

        private void startTls() throws IOException {
            if (tls == null || secure) {
                reply(List.of("502 5.5.1 STARTTLS not offered"));
                return;
            }
            reply(List.of("220 2.0.0 Ready to start TLS"));
            SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(client,
                    client.getInetAddress().getHostAddress(), client.getPort(), true);
            tlsSocket.setUseClientMode(false);
            tlsSocket.startHandshake();
            client = tlsSocket;
            in = new BufferedInputStream(tlsSocket.getInputStream());
            out = tlsSocket.getOutputStream();
            secure = true;
        }

        private void auth(String line) throws IOException {
            String[] words = line.split(" ");
            String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            if (!mechanisms.contains(mechanism)) {
                reply(List.of("504 5.5.4 Unrecognized authentication type"));
                return;
            }
            send(upOut, line);
            List<String> continuations = new ArrayList<>();
            List<String> answer = readReply(upIn);
            while (code(answer) == 334) {
                reply(answer);
                String next = readLine(in);
                if (next == null) {
                    return;
                }
                continuations.add(next);
                send(upOut, next);
                answer = readReply(upIn);
            }
            reply(answer);
            if (code(answer) == 235) {
                String first = words.length > 2 ? words[2] : continuations.get(0);
                String decoded = new String(Base64.getDecoder().decode(first), StandardCharsets.UTF_8);
                user = mechanism.equals("PLAIN") ? decoded.split("\0", -1)[1] : decoded;
            }
        }

        private void mail(String line) throws IOException {
            if (!mechanisms.isEmpty() && user == null) {
                reply(List.of("530 5.7.0 Authentication required"));
                return;
            }
            if (code(relay(line)) == 250) {
                Matcher m = MAIL_FROM.matcher(line);
                from = m.matches() ? m.group(1) : line;
                recipients.clear();
            }
        }

        private void data() throws IOException, InterruptedException {
            String refusal = failures.get("MESSAGE");
            if (refusal == null && code(relay("DATA")) != 354) {
                return;
            }
            if (refusal != null) {
                reply(List.of("354 End data with <CR><LF>.<CR><LF>"));
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = readLine(in)) != null && !line.equals(".")) {
                send(wire, line);
                data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            if (refusal != null) {
                reply(List.of(refusal.split("\n")));
                return;
            }
            Hold h = hold;
            if (h != null && h.taken.compareAndSet(false, true)) {
                h.holding.countDown();
                h.released.await();
            }
            send(wire, ".");
            upOut.write(wire.toByteArray());
            upOut.flush();
            List<String> answer = readReply(upIn);
            if (code(answer) == 250) {
                synchronized (messages) {
                    messages.add(new ReceivedMessage(from, List.copyOf(recipients), data.toString(), user, secure));
                    messages.notifyAll();
                }
            }
            reply(answer);
        }

        /** Passes the line to GreenMail and its reply back; returns the reply. */
        private List<String> relay(String line) throws IOException {
            send(upOut, line);
            List<String> answer = readReply(upIn);
            reply(answer);
            return answer;
        }

        private void reply(List<String> lines) throws IOException {
            for (String line : lines) {
                send(out, line);
            }
        }
    }

    private static int code(List<String> reply) {
        return Integer.parseInt(reply.get(reply.size() - 1).substring(0, 3));
    }

    private static List<String> readReply(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine(in);
            if (line == null) {
                throw new IOException("GreenMail closed the connection");
            }
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** A line without its CRLF (a bare LF is tolerated), or null at the end of input. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }

    /** Options; everything is off by default. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private List<String> mechanisms = List.of("PLAIN", "LOGIN");
        private SSLContext tls;
        private final Map<String, String> failures = new LinkedHashMap<>();

        private Builder() {
        }

        /** GreenMail accepts these credentials; the front advertises AUTH and requires it before MAIL. */
        public Builder user(String username, String password) {
            users.put(username, password);
            return this;
        }

        /** The AUTH mechanisms to advertise and accept, of PLAIN and LOGIN; both by default. */
        public Builder authMechanisms(String... names) {
            mechanisms = List.of(names);
            return this;
        }

        /** Advertises STARTTLS and upgrades with this context (see {@link SelfSignedTls#serverContext()}). */
        public Builder startTls(SSLContext context) {
            tls = context;
            return this;
        }

        /**
         * Answers {@code verb} (EHLO, MAIL, RCPT ..., or MESSAGE for the end of the data) with
         * {@code reply} instead of passing it to GreenMail; lines of a multi-line reply are
         * separated by {@code \n}.
         */
        public Builder failOn(String verb, String reply) {
            failures.put(verb.toUpperCase(Locale.ROOT), reply);
            return this;
        }

        public GreenMailFront start() {
            try {
                return new GreenMailFront(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test SMTP front", e);
            }
        }
    }
}
