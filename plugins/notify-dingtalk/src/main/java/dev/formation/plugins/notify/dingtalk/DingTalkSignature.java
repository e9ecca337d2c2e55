package dev.formation.plugins.notify.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk's request signature for a robot secured by signing: HmacSHA256 keyed with the secret
 * over {@code timestamp + "\n" + secret}, Base64, then URL-encoded for the query. DingTalk
 * refuses a timestamp more than an hour from its own clock, so it must be the real time.
 */
final class DingTalkSignature {

    private DingTalkSignature() {
    }

    /** The Base64 signature, before URL-encoding. */
    static String sign(long timestampMillis, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** {@code timestamp=...&sign=...}, ready to append to the webhook's query. */
    static String query(long timestampMillis, String secret) {
        return "timestamp=" + timestampMillis + "&sign="
                + URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8);
    }
}
