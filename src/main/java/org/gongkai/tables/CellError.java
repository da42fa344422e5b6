package org.gongkai.tables;

/** A bad cell: the row number (as the person sees it: the spreadsheet row, or the grid row), the column and what is wrong. */
public record CellError(int row, String column, String messageKey) {
}
