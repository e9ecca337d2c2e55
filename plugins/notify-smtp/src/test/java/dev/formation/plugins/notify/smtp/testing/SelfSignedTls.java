package dev.formation.plugins.notify.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for STARTTLS tests, made by the JDK's own {@code keytool} so no
 * key material is checked in and no extra library is needed. The client side trusts exactly
 * this certificate, which keeps the client's host-name check switched on in tests.
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String ALIAS = "smtp";

    private final KeyStore keyStore;

    private SelfSignedTls(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * A certificate for these subject alternative names, in keytool's syntax, e.g.
     * {@code "ip:127.0.0.1"} or {@code "dns:mail.example.com"}.
     */
    public static SelfSignedTls create(String... subjectAlternativeNames) {
        try {
            Path dir = Files.createTempDirectory("smtp-tls");
            Path file = dir.resolve("server.p12");
            Process process = new ProcessBuilder(List.of(keytool(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=InProcessSmtpServer",
                    "-ext", "SAN=" + String.join(",", subjectAlternativeNames), "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keyStore.load(in, PASSWORD);
            }
            Files.delete(file);
            Files.delete(dir);
            return new SelfSignedTls(keyStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test certificate", e);
        }
    }

    /** For {@link InProcessSmtpServer.Builder#startTls}. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client socket factory that trusts this certificate and nothing else. */
    public SSLSocketFactory trustingClientFactory() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, keyStore.getCertificate(ALIAS));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path unix = bin.resolve("keytool");
        return Files.isExecutable(unix) ? unix.toString() : bin.resolve("keytool.exe").toString();
    }
}
