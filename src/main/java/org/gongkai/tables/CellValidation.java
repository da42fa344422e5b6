package org.gongkai.tables;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gongkai.support.CreditCode;

/** Checks and normalises one cell against its column: the same rules for the grid, CSV and XLSX import. */
public final class CellValidation {

    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}(-\\d{1,5})?");

    /** The normalised value, or the message key of what is wrong (value then null). */
    public record Result(String value, String errorKey) {
        public boolean ok() {
            return errorKey == null;
        }

        static Result value(String v) {
            return new Result(v, null);
        }

        static Result error(String key) {
            return new Result(null, key);
        }
    }

    private CellValidation() {
    }

    public static Result check(TableColumn column, String input) {
        String v = input == null ? "" : input.strip().replace('\u00a0', ' ').strip();
        if (v.isEmpty()) {
            return column.required() ? Result.error("tables.cell.required") : Result.value("");
        }
        return switch (column.type()) {
            case TEXT -> v.length() > 2000 ? Result.error("tables.cell.tooLong") : Result.value(v);
            case INTEGER -> integer(v);
            case DECIMAL -> decimal(v);
            case DATE -> date(v);
            case ENUM -> column.allowedValues().contains(v) ? Result.value(v) : Result.error("tables.cell.enum");
            case PERSON_NAME -> v.length() > 40 || v.matches(".*\\d.*") ? Result.error("tables.cell.name") : Result.value(v);
            case ID_NUMBER -> {
                String id = v.toUpperCase(Locale.ROOT);
                yield IdNumber.isValid(id) ? Result.value(id) : Result.error("tables.cell.idNumber");
            }
            case PHONE -> phone(v);
            case ADDRESS -> v.length() > 200 ? Result.error("tables.cell.tooLong") : Result.value(v);
            case BANK_ACCOUNT -> {
                String digits = v.replaceAll("[\\s-]", "");
                yield digits.matches("\\d{8,30}") ? Result.value(digits) : Result.error("tables.cell.bankAccount");
            }
            case CREDIT_CODE -> {
                String code = v.toUpperCase(Locale.ROOT);
                yield CreditCode.isValid(code) ? Result.value(code) : Result.error("tables.cell.creditCode");
            }
        };
    }

    private static Result integer(String v) {
        String s = v.replace(",", "").replace("，", "");
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        try {
            return Result.value(new BigInteger(s).toString());
        } catch (NumberFormatException e) {
            return Result.error("tables.cell.integer");
        }
    }

    private static Result decimal(String v) {
        try {
            return Result.value(new BigDecimal(v.replace(",", "").replace("，", "")).stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return Result.error("tables.cell.decimal");
        }
    }

    private static Result date(String v) {
        Matcher m = DATE.matcher(v);
        if (!m.matches()) {
            return Result.error("tables.cell.date");
        }
        try {
            return Result.value(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))).toString());
        } catch (DateTimeException e) {
            return Result.error("tables.cell.date");
        }
    }

    private static Result phone(String v) {
        String s = v.replaceAll("[\\s()（）]", "");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        }
        String digits = s.replace("-", "");
        if (MOBILE.matcher(digits).matches()) {
            return Result.value(digits);
        }
        return LANDLINE.matcher(s).matches() ? Result.value(s) : Result.error("tables.cell.phone");
    }
}
