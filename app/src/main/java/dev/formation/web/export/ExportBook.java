package dev.formation.web.export;

import java.io.IOException;
import java.util.List;

/** A file being written to its stream sheet by sheet, row by row; {@link #finish} completes it, {@link #close} frees what it held. */
interface ExportBook extends AutoCloseable {

    /** A new sheet with its header row written; a format with a single table (CSV) gives null after the first. */
    Sheet sheet(String name, List<ExportColumn> columns) throws IOException;

    void finish() throws IOException;

    @Override
    void close() throws IOException;

    /** Rows of one sheet, in order. */
    interface Sheet {
        void row(List<Cell> cells) throws IOException;
    }
}
