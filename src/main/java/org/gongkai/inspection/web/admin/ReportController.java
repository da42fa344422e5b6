package org.gongkai.inspection.web.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gongkai.inspection.Check;
import org.gongkai.inspection.Finding;
import org.gongkai.inspection.SiteInspection;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The inspection report for a quarter: a printable page and an XLSX the office files with the 政务公开 office. */
@Controller
class ReportController {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    /** A quarter and the day the report judges (its last day, or today while it runs). */
    record Quarter(int year, int quarter, LocalDate start, LocalDate end, LocalDate asOf) {
        public String yearText() {
            return Integer.toString(year);
        }
        public String key() {
            return year + "-Q" + quarter;
        }
        Quarter previous() {
            return quarter == 1 ? of(year - 1, 4, asOf) : of(year, quarter - 1, asOf);
        }
        static Quarter of(int year, int quarter, LocalDate today) {
            LocalDate start = LocalDate.of(year, quarter * 3 - 2, 1);
            LocalDate end = start.plusMonths(3).minusDays(1);
            return new Quarter(year, quarter, start, end, end.isBefore(today) ? end : today);
        }
    }

    private final SiteInspection inspection;
    private final MessageSource messages;
    private final Clock clock;

    ReportController(SiteInspection inspection, MessageSource messages, Clock clock) {
        this.inspection = inspection;
        this.messages = messages;
        this.clock = clock;
    }

    private Quarter quarter(String value) {
        LocalDate today = LocalDate.now(clock);
        Matcher m = QUARTER.matcher(value == null ? "" : value);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            Quarter q = Quarter.of(Math.max(2019, Math.min(year, today.getYear())), Integer.parseInt(m.group(2)), today);
            if (!q.start().isAfter(today)) {
                return q;
            }
        }
        return Quarter.of(today.getYear(), (today.getMonthValue() - 1) / 3 + 1, today);
    }

    @GetMapping("/admin/inspection/report")
    String report(@RequestParam(required = false) String quarter, Model model) {
        Quarter q = quarter(quarter);
        model.addAttribute("q", q);
        model.addAttribute("previous", q.previous().key());
        model.addAttribute("result", inspection.run(q.asOf()));
        model.addAttribute("printedAt", LocalDateTime.now(clock).withNano(0).withSecond(0));
        return "admin/inspection/report";
    }

    @GetMapping("/admin/inspection/report.xlsx")
    ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String quarter) throws IOException {
        Quarter q = quarter(quarter);
        SiteInspection.Result result = inspection.run(q.asOf());
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            var font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = book.createSheet("检查结果");
            header(sheet, bold, "类别", "指标", "规则", "依据", "结果", "情况");
            int r = 1;
            for (Check c : result.all()) {
                row(sheet.createRow(r++), c.veto() ? "单项否决" : "扣分指标", c.title(), c.rule(), c.source(), label(c.status().messageKey()), c.summary());
            }
            row(sheet.createRow(r + 1), "总体", label(result.overall().messageKey()), "截至 " + result.asOf());
            sheet = book.createSheet("问题清单");
            header(sheet, bold, "指标", "对象", "问题", "责任科室", "结果", "页面");
            r = 1;
            for (Check c : result.all()) {
                for (Finding f : c.findings()) {
                    row(sheet.createRow(r++), c.title(), f.subject(), f.detail(), f.department(), label(f.status().messageKey()),
                            f.pageLink() == null ? "" : f.pageLink());
                }
            }
            sheet = book.createSheet("解读与回应趋势");
            header(sheet, bold, "月份", "规范性文件", "按时解读", "逾期解读", "未解读", "按时解读率", "逾期未答复申请");
            r = 1;
            for (SiteInspection.Month m : result.ratios().months()) {
                row(sheet.createRow(r++), m.month().toString(), m.policies(), m.interpretedOnTime(), m.interpretedLate(),
                        m.notInterpreted(), m.onTimePercent() == null ? "—" : m.onTimePercent() + "%", m.requestsLate());
            }
            book.write(out);
            String name = q.year() + "年第" + q.quarter() + "季度网站自查报告.xlsx";
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                    .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .body(out.toByteArray());
        }
    }

    private String label(String key) {
        return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
    }

    private static void header(Sheet sheet, CellStyle bold, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(bold);
            sheet.setColumnWidth(i, i == 0 ? 16 * 256 : 30 * 256);
        }
    }

    private static void row(Row row, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else {
                row.createCell(i).setCellValue(v == null ? "" : v.toString());
            }
        }
    }
}
