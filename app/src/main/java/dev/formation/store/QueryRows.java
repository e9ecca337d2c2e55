package dev.formation.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a query compiled from metadata elsewhere (a report's dataset over form tables) with its
 * bind parameters, so SQL reaches JDBC only here: each row as its first {@code width} column values,
 * as the driver returns them.
 */
public final class QueryRows {

    private static final int FETCH_SIZE = 1000;

    private QueryRows() {
    }

    public static List<Object[]> read(Connection c, String sql, List<Object> params, int width) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                int columns = Math.min(width, rs.getMetaData().getColumnCount());
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
