package dev.formation.plugins.notify.smtp;

import dev.formation.plugin.api.NotifierException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP conversation with a relay, one command at a time (no PIPELINING: a notification is
 * one message, and waiting for each reply is what lets an error name the command the server
 * refused). Every failure becomes a {@link NotifierException} naming the command and quoting
 * the reply; AUTH lines are never quoted, and the server's answers to them are cleaned of the
 * credentials in case a server echoes them.
 */
final class SmtpSession implements Closeable {

    private static final String CRLF = "\r\n";

    private final String host;
    private final int port;
    private final int timeoutMs;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean tls;
    /** EHLO keywords in upper case, each with its parameters; empty after HELO. */
    private Map<String, List<String>> capabilities = Map.of();
    /** False once the connection failed, so closing does not wait for a dead peer. */
    private boolean usable = true;
    private boolean quitSent;

    private SmtpSession(String host, int port, int timeoutMs, Socket socket) throws IOException {
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
        this.socket = socket;
        streams();
    }

    /** Connects and reads the greeting; the same timeout bounds the connection and each reply. */
    static SmtpSession open(String host, int port, int timeoutMs) throws NotifierException {
        Socket socket = new Socket();
        SmtpSession session;
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            session = new SmtpSession(host, port, timeoutMs, socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new NotifierException("cannot connect to SMTP server " + host + ":" + port + ": " + describe(e), e);
        }
        try {
            session.expect(null, "the greeting", 220);
            return session;
        } catch (NotifierException e) {
            session.usable = false;
            closeQuietly(socket);
            throw e;
        }
    }

    /** EHLO, or HELO when the server refuses EHLO outright (a 5xx; a 4xx is a real failure). */
    void hello(String name) throws NotifierException {
        SmtpReply reply = exchange("EHLO " + name, "EHLO " + name);
        if (reply.code() == 250) {
            capabilities = capabilities(reply);
        } else if (reply.permanentFailure()) {
            expect("HELO " + name, "HELO " + name, 250);
            capabilities = Map.of();
        } else {
            throw rejected("EHLO " + name, reply);
        }
    }

    /**
     * Upgrades to TLS; the caller must say EHLO again, as RFC 3207 discards what was learnt
     * before. The server's name is verified against its certificate, which is what makes
     * STARTTLS more than encryption against a passive listener.
     */
    void startTls(SSLSocketFactory factory) throws NotifierException {
        if (!capabilities.containsKey("STARTTLS")) {
            throw new NotifierException(server() + " does not offer STARTTLS, which "
                    + SmtpSettings.PREFIX + "starttls=true requires");
        }
        expect("STARTTLS", "STARTTLS", 220);
        try {
            if (in.available() > 0) {
                // anything sent before the handshake could be injected commands (CVE-2011-0411)
                usable = false;
                throw new NotifierException(server() + " sent data after agreeing to STARTTLS; not continuing");
            }
            SSLSocket tlsSocket = (SSLSocket) factory.createSocket(socket, host, port, true);
            SSLParameters parameters = tlsSocket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tlsSocket.setSSLParameters(parameters);
            tlsSocket.setSoTimeout(timeoutMs);
            tlsSocket.startHandshake();
            socket = tlsSocket;
            streams();
            tls = true;
            capabilities = Map.of();
        } catch (IOException e) {
            usable = false;
            throw new NotifierException(server() + ": the TLS handshake after STARTTLS failed: " + describe(e), e);
        }
    }

    /** AUTH PLAIN when offered, else AUTH LOGIN; both need TLS to keep the password private. */
    void authenticate(String username, String password) throws NotifierException {
        List<String> mechanisms = capabilities.getOrDefault("AUTH", List.of());
        if (mechanisms.isEmpty()) {
            throw new NotifierException(server() + " does not offer AUTH, but " + SmtpSettings.PREFIX
                    + "username is set" + (tls ? "" : " (many servers offer AUTH only after STARTTLS: set "
                    + SmtpSettings.PREFIX + "starttls=true)"));
        }
        String user64 = base64(username);
        String password64 = base64(password);
        if (mechanisms.contains("PLAIN")) {
            String token = base64("\0" + username + "\0" + password);
            SmtpReply reply = exchange("AUTH PLAIN " + token, "AUTH PLAIN");
            if (reply.code() != 235) {
                throw rejected("AUTH PLAIN as " + username, reply.redact(password, token, password64));
            }
        } else if (mechanisms.contains("LOGIN")) {
            expect("AUTH LOGIN", "AUTH LOGIN", 334);
            expect(user64, "AUTH LOGIN (the username " + username + ")", 334);
            SmtpReply reply = exchange(password64, "AUTH LOGIN (the password)");
            if (reply.code() != 235) {
                throw rejected("AUTH LOGIN (the password) as " + username, reply.redact(password, password64));
            }
        } else {
            throw new NotifierException(server() + " offers AUTH " + String.join(" ", mechanisms)
                    + " but not PLAIN or LOGIN, the mechanisms this notifier speaks");
        }
    }

    void mailFrom(String address) throws NotifierException {
        String command = "MAIL FROM:<" + address + ">";
        expect(command, command, 250);
    }

    void rcptTo(String address) throws NotifierException {
        String command = "RCPT TO:<" + address + ">";
        expect(command, command, 250, 251);
    }

    /** Sends the message; once this returns the server has taken responsibility for it. */
    void data(String message) throws NotifierException {
        expect("DATA", "DATA", 354);
        try {
            out.write(dotStuffed(message));
            out.flush();
        } catch (IOException e) {
            usable = false;
            throw new NotifierException(server() + ": sending the message failed: " + describe(e), e);
        }
        expect(null, "the message (end of DATA)", 250);
    }

    /**
     * Says goodbye, ignoring the answer: the message was accepted already, and failing here
     * would make the engine send it a second time.
     */
    void quit() {
        if (usable && !quitSent) {
            quitSent = true;
            try {
                exchange("QUIT", "QUIT");
            } catch (NotifierException e) {
                // the server may hang up without answering; nothing is lost
            }
        }
    }

    /** Quits politely when the conversation is still in order, then drops the connection. */
    @Override
    public void close() {
        quit();
        closeQuietly(socket);
    }

    /**
     * The message as DATA needs it: every line ended by CRLF, a second dot before a line that
     * starts with one (RFC 5321 section 4.5.2, so the line does not end the message or lose
     * its dot), and the final {@code .} line.
     */
    static byte[] dotStuffed(String message) {
        String[] lines = message.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int count = lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        StringBuilder out = new StringBuilder(message.length() + 64);
        for (int i = 0; i < count; i++) {
            if (lines[i].startsWith(".")) {
                out.append('.');
            }
            out.append(lines[i]).append(CRLF);
        }
        out.append('.').append(CRLF);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @param shown what the error message calls the command; never holds credentials */
    private SmtpReply expect(String line, String shown, int... codes) throws NotifierException {
        SmtpReply reply = exchange(line, shown);
        for (int code : codes) {
            if (reply.code() == code) {
                return reply;
            }
        }
        throw rejected(shown, reply);
    }

    /** Sends {@code line} (unless null) and reads the reply. */
    private SmtpReply exchange(String line, String shown) throws NotifierException {
        try {
            if (line != null) {
                out.write((line + CRLF).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return SmtpReply.read(in);
        } catch (SocketTimeoutException e) {
            usable = false;
            throw new NotifierException(server() + " did not answer " + shown + " within " + timeoutMs + " ms", e);
        } catch (IOException e) {
            usable = false;
            throw new NotifierException(server() + ": " + shown + " failed: " + describe(e), e);
        }
    }

    private NotifierException rejected(String shown, SmtpReply reply) {
        return new NotifierException(server() + " answered " + shown + " with " + reply);
    }

    private String server() {
        return "SMTP server " + host + ":" + port;
    }

    private void streams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    private static Map<String, List<String>> capabilities(SmtpReply ehlo) {
        Map<String, List<String>> result = new HashMap<>();
        // the first line is the server's name and greeting, not a capability
        for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
            String[] words = line.strip().toUpperCase(Locale.ROOT).split("\\s+");
            if (words[0].isEmpty()) {
                continue;
            }
            String keyword = words[0];
            List<String> parameters = new ArrayList<>(List.of(words).subList(1, words.length));
            if (keyword.startsWith("AUTH=")) {
                // the pre-standard form some servers still send alongside "AUTH ..."
                parameters.add(0, keyword.substring("AUTH=".length()));
                keyword = "AUTH";
            }
            result.computeIfAbsent(keyword, k -> new ArrayList<>()).addAll(parameters);
        }
        return result;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }
}
