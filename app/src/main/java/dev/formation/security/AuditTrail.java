package dev.formation.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.formation.core.Actor;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * Writes audit entries in the caller's transaction, so a change and its entry are stored
 * together or not at all. {@code changes} is field → [before, after].
 */
@Singleton
public class AuditTrail {

    private final ObjectMapper json = new ObjectMapper();

    /** An entry by the actor (and, when a delegate acted, for whom). */
    public void record(Connection c, Actor actor, String action, String form, Long recordId,
                       Map<String, Object> changes, LocalDateTime at) throws SQLException {
        record(c, actor.realUsername(), actor.delegate() != null ? actor.username() : null, action, form, recordId,
                changes, at);
    }

    public void record(Connection c, String username, String onBehalfOf, String action, String form, Long recordId,
                       Map<String, Object> changes, LocalDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `audit_log` (`at`, `username`, `action`, "
                + "`form_key`, `record_id`, `changes`, `on_behalf_of`) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, at);
            ps.setString(2, username);
            ps.setString(3, action);
            ps.setString(4, form);
            if (recordId == null) {
                ps.setNull(5, java.sql.Types.BIGINT);
            } else {
                ps.setLong(5, recordId);
            }
            ps.setString(6, changes == null ? null : json.writeValueAsString(changes));
            ps.setString(7, onBehalfOf);
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write audit changes as JSON", e);
        }
    }
}
