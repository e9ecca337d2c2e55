package dev.formation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.metadata.MetadataDocument;
import dev.formation.metadata.MetadataSet;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * Keeps every version of every definition that was ever in force (a new row when its merged
 * content changes), so flow instances and audits can later show the definition they ran on.
 */
@Singleton
public class MetadataVersions {

    private final ObjectMapper json = new ObjectMapper();
    private final Tx tx;
    private final MetadataVersionRepository versions;

    private final Clock clock;

    public MetadataVersions(Tx tx, MetadataVersionRepository versions, Clock clock) {
        this.clock = clock;
        this.versions = versions;
        this.tx = tx;
    }

    public void record(MetadataSet metadata) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        tx.write(c -> {
            for (String kind : metadata.kinds()) {
                for (MetadataDocument doc : metadata.all(kind)) {
                    String content = toJson(doc);
                    String hash = sha256(content);
                    if (versions.latestHash(kind, doc.key()).filter(hash::equals).isEmpty()) {
                        versions.save(new MetadataVersion(null, kind, doc.key(), hash, content, now));
                    }
                }
            }
            return null;
        });
    }

    private String toJson(MetadataDocument doc) {
        try {
            return json.writeValueAsString(doc.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
