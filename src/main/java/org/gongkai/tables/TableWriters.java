package org.gongkai.tables;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import tools.jackson.databind.json.JsonMapper;

/** The download formats of a {@link MaskedTable}: exactly the values of the page, nothing more. */
public final class TableWriters {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TableWriters() {
    }

    /** CSV (RFC 4180) in UTF-8 with a byte-order mark, so that Excel opens Chinese text correctly. */
    public static byte[] csv(MaskedTable table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns().stream().map(MaskedTable.Column::label).toList());
        table.rows().forEach(row -> line(out, row));
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(body, 0, all, BOM.length, body.length);
        return all;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = cells.get(i) == null ? "" : cells.get(i);
            // a leading =, +, - or @ would make a spreadsheet evaluate the cell (CSV injection)
            if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !isNumber(v)) {
                v = "'" + v;
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                v = "\"" + v.replace("\"", "\"\"") + "\"";
            }
            out.append(v);
        }
        out.append("\r\n");
    }

    /** JSON: caption, columns (key, label, numeric) and rows as objects keyed by column key; numbers as numbers. */
    public static byte[] json(MaskedTable table) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("caption", table.caption());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (MaskedTable.Column c : table.columns()) {
            Map<String, Object> col = new LinkedHashMap<>();
            col.put("key", c.key());
            col.put("label", c.label());
            col.put("numeric", c.numeric());
            columns.add(col);
        }
        doc.put("columns", columns);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> row : table.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                MaskedTable.Column c = table.columns().get(i);
                String v = row.get(i);
                r.put(c.key(), c.numeric() && isNumber(v) ? new BigDecimal(v) : v);
            }
            rows.add(r);
        }
        doc.put("rows", rows);
        return JSON.writeValueAsBytes(doc);
    }

    /** XLSX: one sheet, a bold header row, numbers stored as numbers. */
    public static byte[] xlsx(MaskedTable table) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(SheetNames.safe(table.caption()));
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int i = 0; i < table.columns().size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(table.columns().get(i).label());
                cell.setCellStyle(bold);
                sheet.setColumnWidth(i, 20 * 256);
            }
            for (int r = 0; r < table.rows().size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> cells = table.rows().get(r);
                for (int i = 0; i < cells.size(); i++) {
                    String v = cells.get(i);
                    Cell cell = row.createCell(i);
                    if (table.columns().get(i).numeric() && isNumber(v)) {
                        cell.setCellValue(new BigDecimal(v).doubleValue());
                    } else {
                        cell.setCellValue(v);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isNumber(String v) {
        if (v == null || v.isBlank()) {
            return false;
        }
        try {
            new BigDecimal(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
