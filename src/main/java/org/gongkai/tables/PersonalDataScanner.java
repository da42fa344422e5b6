package org.gongkai.tables;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Finds personal data written where it should not be: 居民身份证号 (checksum-valid 18-digit or valid 15-digit), mobile
 * numbers (1[3-9] and 9 more digits) and bank-card numbers (13–19 digits passing the Luhn check, not an ID number), in plain
 * text, HTML, table text columns and the text of PDF, DOCX and XLSX attachments. A number that is part of a longer run of
 * digits or letters (文号, 索引号 such as {@code 11440100MB2C12345X/2026-00017}, dates) is not a hit.
 * Each hit carries only masked text.
 */
public final class PersonalDataScanner {

    private static final int CONTEXT = 18;
    private static final String NOT_BEFORE = "(?<![0-9A-Za-z])";
    private static final String NOT_AFTER = "(?![0-9A-Za-z])";
    private static final Pattern ID_18 = Pattern.compile(NOT_BEFORE + "[1-9]\\d{16}[0-9Xx]" + NOT_AFTER);
    private static final Pattern ID_15 = Pattern.compile(NOT_BEFORE + "[1-9]\\d{14}" + NOT_AFTER);
    private static final Pattern MOBILE = Pattern.compile(NOT_BEFORE + "(?<!\\d[- ])1[3-9]\\d(?:[- ]?\\d{4}){2}(?![- ]?\\d)" + NOT_AFTER);
    private static final Pattern CARD = Pattern.compile(NOT_BEFORE + "(?<!\\d[- ])(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){2,3}(?:[ -]\\d{1,3})?)(?![- ]?\\d)" + NOT_AFTER);
    private static final Pattern BLOCK_TAG = Pattern.compile("(?i)</?(p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|blockquote|pre|hr)\\b[^>]*>");

    /** What kind of personal data a hit is. */
    public enum Kind {
        ID_NUMBER, MOBILE, BANK_CARD;

        public String messageKey() {
            return "tables.scan.kind." + name();
        }
    }

    /** One finding: its kind, the masked value, a short masked context and where it was found (e.g. 正文, a file or a cell). */
    public record Hit(Kind kind, String maskedValue, String context, String source) {
    }

    private PersonalDataScanner() {
    }

    private record Span(int start, int end, Kind kind, String masked) {
    }

    /**
     * The text with every ID number, mobile number and bank card the scanner finds replaced by its masked form; for quoting
     * what a citizen wrote (a consultation comment) where the public or a wider audience reads it.
     */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        StringBuilder masked = new StringBuilder();
        int at = 0;
        for (Span sp : spans(text)) {
            masked.append(text, at, sp.start).append(sp.masked);
            at = sp.end;
        }
        return masked.append(text.substring(at)).toString();
    }

    private static List<Span> spans(String text) {
        List<Span> spans = new ArrayList<>();
        for (Pattern p : List.of(ID_18, ID_15)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (IdNumber.isValid(m.group())) {
                    spans.add(new Span(m.start(), m.end(), Kind.ID_NUMBER, Masking.idNumber(m.group().toUpperCase(Locale.ROOT))));
                }
            }
        }
        Matcher mobile = MOBILE.matcher(text);
        while (mobile.find()) {
            spans.add(new Span(mobile.start(), mobile.end(), Kind.MOBILE, Masking.phone(mobile.group())));
        }
        Matcher card = CARD.matcher(text);
        while (card.find()) {
            String digits = card.group().replaceAll("\\D", "");
            int s = card.start();
            int e = card.end();
            boolean overlaps = spans.stream().anyMatch(x -> x.start < e && s < x.end);
            if (digits.length() >= 13 && digits.length() <= 19 && luhn(digits) && !IdNumber.isValid(digits) && !overlaps) {
                spans.add(new Span(s, e, Kind.BANK_CARD, Masking.bankAccount(digits)));
            }
        }
        spans.sort(Comparator.comparingInt(Span::start));
        return spans;
    }

    public static List<Hit> scanText(String text, String source) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Span> spans = spans(text);
        // masked copy of the text, so that no snippet shows another raw value nearby
        StringBuilder masked = new StringBuilder();
        int[] maskedStart = new int[spans.size()];
        int[] maskedEnd = new int[spans.size()];
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            Span sp = spans.get(i);
            masked.append(text, at, sp.start);
            maskedStart[i] = masked.length();
            masked.append(sp.masked);
            maskedEnd[i] = masked.length();
            at = sp.end;
        }
        masked.append(text.substring(at));
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int from = Math.max(0, maskedStart[i] - CONTEXT);
            int to = Math.min(masked.length(), maskedEnd[i] + CONTEXT);
            String snippet = (from > 0 ? "…" : "") + masked.substring(from, to).replaceAll("\\s+", " ").strip()
                    + (to < masked.length() ? "…" : "");
            hits.add(new Hit(spans.get(i).kind, spans.get(i).masked, snippet, source));
        }
        return hits;
    }

    /** Scans the text of an HTML body: tags removed (block tags become spaces), common entities decoded. */
    public static List<Hit> scanHtml(String html, String source) {
        return scanText(htmlText(html), source);
    }

    static String htmlText(String html) {
        if (html == null) {
            return "";
        }
        String s = html.replaceAll("(?is)<(script|style)\\b.*?</\\1>", " ").replaceAll("(?s)<!--.*?-->", " ");
        s = BLOCK_TAG.matcher(s).replaceAll(" ");
        s = s.replaceAll("<[^>]*>", "");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        Matcher m = Pattern.compile("&#(\\d{1,6});").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(Integer.parseInt(m.group(1))))));
        }
        m.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }

    /** Scans the text of an attachment by its file name: PDF, DOCX, XLSX, or plain text (.txt, .csv, .html). */
    public static List<Hit> scanAttachment(String fileName, byte[] content) {
        return scanText(attachmentText(fileName, content), fileName);
    }

    /** The text of an attachment; empty for formats that are not read. */
    public static String attachmentText(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".pdf")) {
                try (PDDocument pdf = Loader.loadPDF(content)) {
                    return new PDFTextStripper().getText(pdf);
                }
            }
            if (name.endsWith(".docx")) {
                try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(content));
                     XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
                    return extractor.getText();
                }
            }
            if (name.endsWith(".xlsx")) {
                StringBuilder text = new StringBuilder();
                DataFormatter formatter = new DataFormatter();
                try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(content))) {
                    for (Sheet sheet : book) {
                        for (Row row : sheet) {
                            for (Cell cell : row) {
                                text.append(formatter.formatCellValue(cell)).append('\t');
                            }
                            text.append('\n');
                        }
                    }
                }
                return text.toString();
            }
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                return htmlText(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (name.endsWith(".txt") || name.endsWith(".csv")) {
                return new String(content, java.nio.charset.StandardCharsets.UTF_8);
            }
            return "";
        } catch (IOException | RuntimeException e) {
            throw new UnreadableAttachment(fileName);
        }
    }

    /** An attachment whose text could not be read (damaged or encrypted file). */
    public static final class UnreadableAttachment extends RuntimeException {
        public UnreadableAttachment(String fileName) {
            super("unreadable attachment", null, false, false);
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
