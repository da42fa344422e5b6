package org.gongkai.reporting.web.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.reporting.Obligations;
import org.gongkai.reporting.Obligations.Dashboard;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The compliance dashboard of periodic obligations, Art 26 and policy interpretations, with an XLSX export. */
@Controller
class ComplianceController {

    private final Obligations obligations;
    private final IdentityManagement identity;
    private final MessageSource messages;
    private final Clock clock;

    private final org.gongkai.consultation.Consultations consultations;

    ComplianceController(Obligations obligations, IdentityManagement identity, MessageSource messages, Clock clock,
                         org.gongkai.consultation.Consultations consultations) {
        this.consultations = consultations;
        this.obligations = obligations;
        this.identity = identity;
        this.messages = messages;
        this.clock = clock;
    }

    private int yearOr(Integer year) {
        int thisYear = LocalDate.now(clock).getYear();
        return year == null || year < 2000 || year > thisYear + 1 ? thisYear : year;
    }

    @GetMapping("/admin/compliance")
    String dashboard(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long department,
                     @RequestParam(required = false) Obligations.Status status, Model model) {
        Dashboard dashboard = obligations.dashboard(yearOr(year), department);
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("rows", dashboard.obligations().stream().filter(o -> status == null || o.status() == status).toList());
        model.addAttribute("status", status);
        model.addAttribute("statuses", Obligations.Status.values());
        model.addAttribute("department", department);
        model.addAttribute("departments", identity.departmentNames());
        // 意见征集 closed more than 30 days ago without a published 意见采纳情况反馈 (through the consultation module's API)
        model.addAttribute("overdueFeedback", consultations.overdueFeedback().stream()
                .filter(o -> department == null || identity.departmentNames().getOrDefault(department, "").equals(o.departmentName())).toList());
        model.addAttribute("feedbackDueDays", org.gongkai.consultation.Consultations.FEEDBACK_DUE_DAYS);
        return "admin/reporting/compliance";
    }

    @GetMapping("/admin/compliance.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(required = false) Integer year, @RequestParam(required = false) Long department)
            throws IOException {
        Dashboard d = obligations.dashboard(yearOr(year), department);
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            var font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet sheet = book.createSheet("周期性公开事项");
            header(sheet, bold, "公开事项", "责任科室", "期间", "截止日期", "发布日期", "状态", "超期工作日", "信息标题");
            int r = 1;
            for (Obligations.Obligation o : d.obligations()) {
                row(sheet.createRow(r++), o.matter(), o.department(), o.period(), o.due(), o.published(), label(o.status()),
                        o.workingDaysLate(), o.title());
            }
            sheet = book.createSheet("第二十六条时限");
            header(sheet, bold, "信息标题", "发布机构", "成文日期", "发布日期", "相隔工作日", "时限（工作日）");
            r = 1;
            for (Obligations.LateItem i : d.lateItems()) {
                row(sheet.createRow(r++), i.title(), i.department(), i.writtenOn(), i.published(), i.workingDays(), i.limit());
            }
            sheet = book.createSheet("政策解读");
            header(sheet, bold, "规范性文件", "发布机构", "发布日期", "解读", "解读发布日期", "相隔工作日", "状态");
            r = 1;
            for (Obligations.PolicyCheck p : d.policies()) {
                row(sheet.createRow(r++), p.title(), p.department(), p.published(), p.interpretationTitle(), p.interpreted(),
                        p.workingDays(), label(p.status()));
            }
            book.write(out);
            String name = d.year() + "年政务公开合规情况.xlsx";
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                    .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .body(out.toByteArray());
        }
    }

    private String label(Obligations.Status status) {
        return messages.getMessage(status.messageKey(), null, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    private static void header(Sheet sheet, CellStyle bold, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(bold);
            sheet.setColumnWidth(i, i == 0 || i == names.length - 1 ? 40 * 256 : 14 * 256);
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
