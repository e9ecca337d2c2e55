package dev.formation.store;

import dev.formation.form.Form;
import dev.formation.form.FormCatalog;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How many records the current tenant holds, over all its forms: for the platform's list of tenants. */
@Singleton
public class RecordCounts {

    private final DirectConnections connections;

    public RecordCounts(DirectConnections connections) {
        this.connections = connections;
    }

    public long total(FormCatalog catalog) {
        long total = 0;
        try (Connection c = connections.open()) {
            for (Form form : catalog.forms()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + SqlNames.q(SqlNames.table(form)));
                     ResultSet rs = ps.executeQuery()) {
                    total += rs.next() ? rs.getLong(1) : 0;
                }
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
