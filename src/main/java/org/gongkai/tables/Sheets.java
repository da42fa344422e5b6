package org.gongkai.tables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads uploaded .xlsx and .csv files into rows of text, and writes the fill-in template of a column set. */
public final class Sheets {

    /** Rows of the template sheet that carry data validation. */
    public static final int TEMPLATE_ROWS = 1000;

    private Sheets() {
    }

    /** A file that is neither a readable .xlsx nor a .csv. */
    public static final class UnreadableFile extends RuntimeException {
        public UnreadableFile() {
            super("unreadable file", null, false, false);
        }
    }

    /** All rows of the first sheet (or of the CSV file) as text, the header row first; trailing empty rows dropped. */
    public static List<List<String>> read(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        List<List<String>> rows;
        if (name.endsWith(".xlsx")) {
            rows = readXlsx(content);
        } else if (name.endsWith(".csv")) {
            rows = readCsv(content);
        } else {
            throw new UnreadableFile();
        }
        while (!rows.isEmpty() && rows.get(rows.size() - 1).stream().allMatch(String::isBlank)) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    private static List<List<String>> readXlsx(byte[] content) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = book.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFile();
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getDateCellValue().toInstant().atZone(java.util.TimeZone.getDefault().toZoneId()).toLocalDate().toString();
        }
        if (type == CellType.NUMERIC) {
            return new java.math.BigDecimal(Double.toString(cell.getNumericCellValue())).stripTrailingZeros().toPlainString();
        }
        if (type == CellType.STRING) {
            return cell.getStringCellValue();
        }
        if (type == CellType.BOOLEAN) {
            return Boolean.toString(cell.getBooleanCellValue());
        }
        return formatter.formatCellValue(cell);
    }

    /** RFC 4180 CSV in UTF-8, with or without a byte-order mark. */
    static List<List<String>> readCsv(byte[] content) {
        String s = new String(content, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * The fill-in template: one header row of column labels in bold, text
     * format for text-like columns (so ID numbers keep their digits), and data validation: lists for enum columns, dates,
     * whole numbers and decimals.
     */
    public static byte[] template(String title, List<TableColumn> columns) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(SheetNames.safe(title));
            CellStyle header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            Row head = sheet.createRow(0);
            DataValidationHelper helper = sheet.getDataValidationHelper();
            for (int i = 0; i < columns.size(); i++) {
                TableColumn c = columns.get(i);
                Cell cell = head.createCell(i);
                cell.setCellValue(c.label());
                cell.setCellStyle(header);
                sheet.setColumnWidth(i, Math.max(12, Math.min(40, c.label().length() * 3 + 6)) * 256);
                CellRangeAddressList range = new CellRangeAddressList(1, TEMPLATE_ROWS, i, i);
                DataValidationConstraint constraint = switch (c.type()) {
                    case ENUM -> helper.createExplicitListConstraint(c.allowedValues().toArray(String[]::new));
                    case INTEGER -> helper.createIntegerConstraint(DataValidationConstraint.OperatorType.BETWEEN,
                            "-2147483648", "2147483647");
                    case DECIMAL -> helper.createDecimalConstraint(DataValidationConstraint.OperatorType.BETWEEN,
                            "-1E+15", "1E+15");
                    case DATE -> helper.createDateConstraint(DataValidationConstraint.OperatorType.BETWEEN,
                            "Date(1900,1,1)", "Date(2100,12,31)", "yyyy-mm-dd");
                    default -> null;
                };
                if (c.type() == ColumnType.DATE) {
                    sheet.setDefaultColumnStyle(i, date);
                } else if (!c.type().numeric()) {
                    sheet.setDefaultColumnStyle(i, text);
                }
                if (constraint != null) {
                    DataValidation validation = helper.createValidation(constraint, range);
                    validation.setShowErrorBox(true);
                    validation.createErrorBox(c.label(), errorText(c));
                    validation.setShowPromptBox(true);
                    validation.createPromptBox(c.label(), errorText(c));
                    sheet.addValidationData(validation);
                }
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String errorText(TableColumn c) {
        return switch (c.type()) {
            case ENUM -> "请从下拉列表中选择";
            case INTEGER -> "请填写整数";
            case DECIMAL -> "请填写数字";
            case DATE -> "请填写日期，例如 2026-03-31";
            default -> "";
        };
    }
}
