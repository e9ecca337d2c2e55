package dev.formation.plugins.notify.smtp.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server for tests, on the loopback interface and a free port: EHLO/HELO,
 * STARTTLS, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT, one thread per
 * connection. It stores each message before answering 250 to its DATA, so once a client's
 * send returns the message is in {@link #messages()}. It can also refuse a command on purpose
 * ({@link Builder#failOn}), which a real server cannot be asked to do.
 *
 * <pre>{@code
 * try (InProcessSmtpServer smtp = InProcessSmtpServer.builder().user("formation", "secret").start()) {
 *     // point the client at smtp.host() and smtp.port(), send, then:
 *     ReceivedMessage m = smtp.messages().get(0);
 *     assertEquals("你好", m.subject());
 * }
 * }</pre>
 */
public final class InProcessSmtpServer implements AutoCloseable {

    private static final String CRLF = "\r\n";
    private static final Pattern MAIL_FROM = Pattern.compile("MAIL FROM:\\s*<([^>]*)>.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern RCPT_TO = Pattern.compile("RCPT TO:\\s*<([^>]+)>.*", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> users;
    private final List<String> mechanisms;
    private final SSLContext tls;
    private final Map<String, String> failures;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<ReceivedMessage> messages = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile Hold hold;

    /** One message the server sits on: taken by the first DATA after {@link #holdNextMessage()}. */
    private static final class Hold {
        private final java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    }

    private InProcessSmtpServer(Builder builder) throws IOException {
        this.users = Map.copyOf(builder.users);
        this.mechanisms = List.copyOf(builder.mechanisms);
        this.tls = builder.tls;
        this.failures = Map.copyOf(builder.failures);
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "smtp-test-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server that takes any message without AUTH or TLS. */
    public static InProcessSmtpServer start() {
        return builder().start();
    }

    /** The loopback address the server listens on, as a literal (not "localhost", which may be IPv6 first). */
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The messages received so far, oldest first. */
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

    /**
     * Makes the server sit on its answer to the next message's data, as a slow relay does, until
     * {@link #releaseHeld()}; {@link #awaitHolding} waits until that message has arrived.
     */
    public void holdNextMessage() {
        hold = new Hold();
    }

    public void awaitHolding(Duration timeout) throws InterruptedException {
        Hold h = hold;
        if (h == null || !h.holding.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no message was held within " + timeout);
        }
    }

    /** Lets the held message through: it is stored and answered 250. */
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

    /** Stops listening and drops open connections. */
    public void stop() {
        running = false;
        releaseHeld();
        closeQuietly(serverSocket);
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> serve(socket), "smtp-test-conn-" + socket.getPort());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (running) {
                    // accept failed for this client only; keep serving the others
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new Conversation(socket).run();
        } catch (SocketException e) {
            // the client hung up or the server is stopping
        } catch (IOException e) {
            // a broken client; the test that made it will see its own error
        } finally {
            connections.remove(socket);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // best effort
        }
    }

    /** The state of one connection, as RFC 5321 section 4.1.4 orders the commands. */
    private final class Conversation {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean secure;
        private boolean greeted;
        private String authenticated;
        private String from;
        private final List<String> recipients = new ArrayList<>();

        Conversation(Socket socket) throws IOException {
            this.socket = socket;
            streams();
        }

        void run() throws IOException {
            reply("220 localhost InProcessSmtpServer ready");
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                synchronized (commands) {
                    commands.add(line);
                }
                String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line)
                        .toUpperCase(Locale.ROOT);
                String failure = failures.get(verb);
                if (failure != null && !verb.equals("QUIT")) {
                    reply(failure);
                    continue;
                }
                switch (verb) {
                    case "EHLO":
                        ehlo(line);
                        break;
                    case "HELO":
                        greeted = true;
                        reset();
                        reply("250 localhost");
                        break;
                    case "STARTTLS":
                        startTls();
                        break;
                    case "AUTH":
                        auth(line);
                        break;
                    case "MAIL":
                        mail(line);
                        break;
                    case "RCPT":
                        rcpt(line);
                        break;
                    case "DATA":
                        data();
                        break;
                    case "RSET":
                        reset();
                        reply("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        reply("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        reply("221 2.0.0 Bye");
                        return;
                    default:
                        reply("502 5.5.2 Command not recognized");
                }
            }
        }

        private void ehlo(String line) throws IOException {
            greeted = true;
            reset();
            List<String> lines = new ArrayList<>();
            lines.add("localhost greets " + (line.length() > 5 ? line.substring(5) : "you"));
            lines.add("8BITMIME");
            if (tls != null && !secure) {
                lines.add("STARTTLS");
            }
            if (!users.isEmpty() && !mechanisms.isEmpty()) {
                lines.add("AUTH " + String.join(" ", mechanisms));
            }
            lines.add("SIZE 10485760");
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                reply.append("250").append(i < lines.size() - 1 ? '-' : ' ').append(lines.get(i));
                if (i < lines.size() - 1) {
                    reply.append('\n');
                }
            }
            reply(reply.toString());
        }

        private void startTls() throws IOException {
            if (tls == null || secure) {
                reply("502 5.5.1 STARTTLS not available");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tlsSocket.setUseClientMode(false);
            tlsSocket.startHandshake();
            connections.add(tlsSocket);
            socket = tlsSocket;
            streams();
            secure = true;
            // RFC 3207: forget everything learnt before the handshake
            greeted = false;
            authenticated = null;
            reset();
        }

        private void auth(String line) throws IOException {
            if (users.isEmpty()) {
                reply("502 5.5.1 AUTH not available");
                return;
            }
            if (authenticated != null) {
                reply("503 5.5.1 Already authenticated");
                return;
            }
            String[] words = line.split(" ");
            String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            if (!mechanisms.contains(mechanism)) {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            String user;
            String password;
            if (mechanism.equals("PLAIN")) {
                String response = words.length > 2 ? words[2] : challenge("");
                String[] parts = new String(decode(response), StandardCharsets.UTF_8).split("\0", -1);
                if (parts.length != 3) {
                    reply("501 5.5.2 Malformed PLAIN response");
                    return;
                }
                user = parts[1];
                password = parts[2];
            } else {
                user = new String(decode(challenge("VXNlcm5hbWU6")), StandardCharsets.UTF_8);
                password = new String(decode(challenge("UGFzc3dvcmQ6")), StandardCharsets.UTF_8);
            }
            if (password.equals(users.get(user))) {
                authenticated = user;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private String challenge(String text) throws IOException {
            reply("334 " + text);
            String answer = readLine();
            return answer == null ? "" : answer;
        }

        private byte[] decode(String base64) {
            try {
                return Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }

        private void mail(String line) throws IOException {
            Matcher m = MAIL_FROM.matcher(line);
            if (!greeted) {
                reply("503 5.5.1 Say EHLO first");
            } else if (!users.isEmpty() && authenticated == null) {
                reply("530 5.7.0 Authentication required");
            } else if (from != null) {
                reply("503 5.5.1 Sender already given");
            } else if (!m.matches()) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
            } else {
                from = m.group(1);
                reply("250 2.1.0 OK");
            }
        }

        private void rcpt(String line) throws IOException {
            Matcher m = RCPT_TO.matcher(line);
            if (from == null) {
                reply("503 5.5.1 Need MAIL first");
            } else if (!m.matches()) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
            } else {
                recipients.add(m.group(1));
                reply("250 2.1.5 OK");
            }
        }

        private void data() throws IOException {
            if (recipients.isEmpty()) {
                reply("503 5.5.1 Need RCPT first");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            StringBuilder data = new StringBuilder();
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                if (line.equals(".")) {
                    break;
                }
                data.append(line.startsWith(".") ? line.substring(1) : line).append(CRLF);
            }
            String failure = failures.get("MESSAGE");
            if (failure != null) {
                reset();
                reply(failure);
                return;
            }
            Hold h = hold;
            if (h != null && h.taken.compareAndSet(false, true)) {
                h.holding.countDown();
                try {
                    h.released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            synchronized (messages) {
                messages.add(new ReceivedMessage(from, recipients, data.toString(), authenticated, secure));
                messages.notifyAll();
            }
            reset();
            reply("250 2.0.0 OK queued");
        }

        private void reset() {
            from = null;
            recipients.clear();
        }

        /** Writes a reply; a multi-line one is given with {@code \n} between its full lines. */
        private void reply(String text) throws IOException {
            out.write((text.replace("\n", CRLF) + CRLF).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** A line without its CRLF (a bare LF is tolerated), or null at the end of input. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        }

        private void streams() throws IOException {
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
        }
    }

    /** Options; everything is off by default. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private final List<String> mechanisms = new ArrayList<>(List.of("PLAIN", "LOGIN"));
        private final Map<String, String> failures = new LinkedHashMap<>();
        private SSLContext tls;

        private Builder() {
        }

        /** Accepts these credentials, advertises AUTH and requires it before MAIL. */
        public Builder user(String username, String password) {
            users.put(username, password);
            return this;
        }

        /** The AUTH mechanisms to advertise and accept, of PLAIN and LOGIN; both by default. */
        public Builder authMechanisms(String... names) {
            mechanisms.clear();
            for (String name : names) {
                mechanisms.add(name.toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /** Advertises STARTTLS and upgrades with this context (see {@link SelfSignedTls#serverContext()}). */
        public Builder startTls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /**
         * Answers every {@code verb} command (EHLO, HELO, MAIL, RCPT, DATA, AUTH...) with
         * {@code reply} instead of handling it; {@code "MESSAGE"} answers the end of the data
         * instead, so the message is refused after it was sent. A multi-line reply is given as
         * full lines separated by {@code \n}, e.g. {@code "550-5.7.1 first\n550 5.7.1 last"}.
         */
        public Builder failOn(String verb, String reply) {
            failures.put(verb.toUpperCase(Locale.ROOT), reply);
            return this;
        }

        public InProcessSmtpServer start() {
            try {
                return new InProcessSmtpServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a server socket", e);
            }
        }
    }
}
