package org.gongkai.requests;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.support.RuleViolation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Reply letters: the templates the office keeps (one per reply type, and the remedy paragraph), the letter's text and its
 * printable page, written with the reply, and the PDF letter, rendered after the reply commits ({@link RequestReplied}).
 */
@Service
public class ReplyLetters {

    private final JdbcTemplate jdbc;
    private final org.gongkai.infrastructure.PdfRenderer pdf;
    private final String siteName;
    private final AuditTrail audit;

    ReplyLetters(JdbcTemplate jdbc, org.gongkai.infrastructure.PdfRenderer pdf, AuditTrail audit,
                 @org.springframework.beans.factory.annotation.Value("${gongkai.site-name}") String siteName) {
        this.jdbc = jdbc;
        this.pdf = pdf;
        this.audit = audit;
        this.siteName = siteName;
    }

    @Transactional(readOnly = true)
    public String template(String type) {
        return jdbc.queryForObject("select body from reply_template where type = ?", String.class, type);
    }

    /** Templates by type (the reply types and REMEDY) with their versions. */
    public record Template(String type, String body, long version) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('REVIEWER')")
    public List<Template> templates() {
        return jdbc.query("select type, body, version from reply_template order by type",
                (rs, i) -> new Template(rs.getString(1), rs.getString(2), rs.getLong(3)));
    }

    @Transactional
    @PreAuthorize("hasRole('REVIEWER')")
    public void saveTemplate(String type, long version, String body) {
        if (body == null || body.isBlank()) {
            throw new RuleViolation("body", "request.error.templateBody");
        }
        if (!type.equals("REMEDY") && !body.contains("{opinion}")) {
            throw new RuleViolation("body", "request.error.templateOpinion");
        }
        if (type.equals("REMEDY") && !(body.contains("60日") && body.contains("6个月"))) {
            // 行政复议法第20条 60日; 行政诉讼法第46条 6个月
            throw new RuleViolation("body", "request.error.templateRemedy");
        }
        if (jdbc.update("update reply_template set body = ?, version = version + 1 where type = ? and version = ?",
                body.strip(), type, version) != 1) {
            throw new ObjectOptimisticLockingFailureException("reply_template", type);
        }
        audit.record("request.templateChanged", "reply_template", type, "");
    }

    /** The reply letter's text: the type's template filled in, then the remedy paragraph. */
    @Transactional(readOnly = true)
    public String text(ReplyType type, RequestView r, String opinion) {
        return fill(template(type.name()), r, opinion) + "\n\n" + template("REMEDY");
    }

    /** The printable page of the letter, stored with the reply (in its transaction). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void storePage(long requestId, String number, LocalDate on, String text) {
        byte[] document = replyDocument(number, on, text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        jdbc.update("insert into request_file (request_id, kind, filename, content_type, size, bytes) values (?, 'REPLY', ?, 'text/html', ?, ?)",
                requestId, "答复书-" + number + ".html", document.length, document);
    }

    /**
     * The letter as sent by post or e-mail, when the server has a Chinese font to embed: rendered after the reply committed,
     * from the stored text, in its own transaction; a resubmitted event finds the PDF there and does nothing.
     */
    @org.springframework.transaction.event.TransactionalEventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
    public void on(RequestReplied replied) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select r.reply_text, r.replied_on from info_request r where r.id = ? and r.reply_text is not null
                and not exists (select 1 from request_file f where f.request_id = r.id and f.kind = 'REPLY'
                                and f.content_type = 'application/pdf')""", replied.requestId());
        if (rows.isEmpty()) {
            return;
        }
        String text = (String) rows.get(0).get("reply_text");
        LocalDate on = ((java.sql.Date) rows.get(0).get("replied_on")).toLocalDate();
        pdf.render("政府信息公开申请答复书", replyBody(replied.number(), on, text), ".reply-number { text-align: center; }"
                + " p { text-indent: 2em; } .reply-signature { text-align: right; text-indent: 0; margin-top: 24pt; }")
                .ifPresent(letter -> jdbc.update("""
                        insert into request_file (request_id, kind, filename, content_type, size, bytes)
                        values (?, 'REPLY', ?, 'application/pdf', ?, ?)""", replied.requestId(), "答复书-" + replied.number() + ".pdf",
                        letter.length, letter));
    }

    private static String fill(String template, RequestView r, String opinion) {
        return template.replace("{number}", r.number()).replace("{receivedOn}", chineseDate(r.receivedOn()))
                .replace("{information}", r.infoName()).replace("{opinion}", opinion)
                .replace("{department}", r.departmentName() == null ? "" : r.departmentName());
    }

    static String chineseDate(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** A self-contained printable reply letter (escaped text; the stylesheet is a same-origin file, as CSP demands). */
    private String replyDocument(String number, LocalDate on, String text) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>政府信息公开申请答复书 "
                + HtmlUtils.htmlEscape(number) + "</title><link rel=\"stylesheet\" href=\"/css/requests.css\"></head>"
                + "<body class=\"reply-document\"><h1>政府信息公开申请答复书</h1>" + replyBody(number, on, text) + "</body></html>";
    }

    /** The letter's number, paragraphs and signature, as well-formed XHTML (also laid out as the PDF). */
    private String replyBody(String number, LocalDate on, String text) {
        StringBuilder html = new StringBuilder("<p class=\"reply-number\">").append(HtmlUtils.htmlEscape(number, "UTF-8")).append("</p>");
        for (String paragraph : text.split("\n")) {
            if (!paragraph.isBlank()) {
                html.append("<p>").append(HtmlUtils.htmlEscape(paragraph, "UTF-8")).append("</p>");
            }
        }
        return html.append("<p class=\"reply-signature\">").append(HtmlUtils.htmlEscape(siteName, "UTF-8")).append("<br/>")
                .append(chineseDate(on)).append("</p>").toString();
    }
}
