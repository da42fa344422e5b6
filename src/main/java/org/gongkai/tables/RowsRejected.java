package org.gongkai.tables;

import java.util.List;

/** Rows were refused because at least one cell is bad; nothing was saved. Carries every bad cell. */
public class RowsRejected extends RuntimeException {

    private final List<CellError> errors;

    public RowsRejected(List<CellError> errors) {
        super("rows rejected", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<CellError> errors() {
        return errors;
    }
}
