package org.gongkai.reporting;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gongkai.audit.AuditTrail;
import org.gongkai.content.Attachments;
import org.gongkai.content.CatalogueColumns;
import org.gongkai.content.ContentManagement;
import org.gongkai.publication.PublicationStatistics;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.EditionState;
import org.gongkai.content.EditionView;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.requests.ApplicantCategory;
import org.gongkai.requests.RequestStatistics;
import org.gongkai.requests.Table3Row;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The annual report (政府信息公开工作年度报告): an office clerk generates a year's report, which becomes a draft item under
 * 政府信息公开年报 with the tallied figures; every save re-renders its body (the official tables) and its PDF, DOCX and XLSX
 * attachments. It is then submitted, reviewed and published through the normal workflow.
 */
@Service
public class AnnualReports {

    public static final String CATALOGUE_CODE = "ndbg";

    public record Summary(int year, long editionId, String title, EditionState state) {
    }

    /** A report with the edition that carries it, for the editing page. */
    public record Editing(AnnualReport report, EditionView edition, long version, boolean pdfAvailable) {
    }

    /** What the office edits. */
    public record Input(String overview, String problems, String other, AnnualReport.Figures figures) {
    }

    private final ContentManagement content;
    private final Attachments attachments;
    private final RequestStatistics requests;
    private final AnnualReportRendering rendering;
    private final AuditTrail audit;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final String organisation;
    private final org.gongkai.consultation.ProposalReplies proposals;

    private final PublicationStatistics publications;
    private final CatalogueColumns catalogue;

    AnnualReports(ContentManagement content, Attachments attachments, RequestStatistics requests, AnnualReportRendering rendering,
                  AuditTrail audit, JdbcTemplate jdbc, ObjectMapper json, Clock clock, @Value("${gongkai.site-name}") String organisation,
                  org.gongkai.consultation.ProposalReplies proposals, PublicationStatistics publications,
                  CatalogueColumns catalogue) {
        this.proposals = proposals;
        this.content = content;
        this.publications = publications;
        this.catalogue = catalogue;
        this.attachments = attachments;
        this.requests = requests;
        this.rendering = rendering;
        this.audit = audit;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.organisation = organisation;
    }

    @Transactional(readOnly = true)
    public List<Summary> all(StaffPrincipal me) {
        List<Summary> result = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("select year, edition_id from annual_report order by year desc")) {
            EditionView e = content.view(((Number) row.get("edition_id")).longValue());
            if (ContentManagement.maySee(me, e.departmentId())) {
                result.add(new Summary(((Number) row.get("year")).intValue(), e.editionId(), e.title(), e.state()));
            }
        }
        return result;
    }

    /** Creates the year's report as a draft of the clerk's department, or returns the edition that already holds it. */
    @Transactional
    public long generate(int year, StaffPrincipal me) {
        if (!me.has(Role.CLERK)) {
            throw new AccessDeniedException("clerks draft reports");
        }
        int thisYear = today().getYear();
        if (year < 2008 || year > thisYear) {
            throw new RuleViolation("year", "report.error.year");
        }
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext('annual_report'), ?)", year);
        Optional<Long> existing = jdbc.queryForList("select edition_id from annual_report where year = ?", Long.class, year).stream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        AnnualReport.Tallies tallies = tallies(year);
        String overview = year + "年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息" + tallies.itemsPublished()
                + "条，其中行政规范性文件" + tallies.normativeIssued() + "件；收到政府信息公开申请" + tallies.requestsReceived() + "件，办结"
                + tallies.table3Total(Table3Row.TOTAL) + "件。";
        // 国办公开办函〔2021〕30号 asks in 六、其他需要报告的事项 for 人大代表建议和政协提案办理结果公开情况 (no table row holds it)
        var replies = proposals.publishedIn(year, clock.getZone());
        String other = "本年度公开人大代表建议办理结果" + replies.get(org.gongkai.consultation.ProposalReplies.Kind.NPC) + "件、政协委员提案办理结果"
                + replies.get(org.gongkai.consultation.ProposalReplies.Kind.CPPCC) + "件。";
        AnnualReport report = new AnnualReport(year, title(year), organisation, overview, "", other, prefilledFigures(year), tallies);
        long node = catalogue.nodeId(CATALOGUE_CODE);
        EditionView edition = content.createDraft(draftInput(report, node, null), me);
        jdbc.update("""
                insert into annual_report (year, edition_id, overview, problems, other, figures, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", year, edition.editionId(), report.overview(), "", report.other(),
                json.writeValueAsString(report.figures()), me.id(), Timestamp.from(Instant.now(clock)));
        attach(edition.editionId(), report, me);
        audit.record("report.generated", "edition", edition.editionId(), report.title());
        return edition.editionId();
    }

    /**
     * 条例第50条: the report on year Y is published by 31 January of Y+1; it can be drafted at any time, but it reports on a whole
     * year, so it cannot go to review (or be published) before 1 January of Y+1. Other editions pass.
     */
    @Transactional(readOnly = true)
    public void checkSubmittable(long editionId, LocalDate today) {
        Integer year = jdbc.queryForList("select year from annual_report where edition_id = ?", Integer.class, editionId).stream()
                .findFirst().orElse(null);
        if (year != null && today.isBefore(firstSubmissionDay(year))) {
            throw new RuleViolation(null, "report.error.yearNotEnded");
        }
    }

    /** The first day a report on {@code year} may be submitted for review: 1 January of the next year. */
    public static LocalDate firstSubmissionDay(int year) {
        return LocalDate.of(year + 1, 1, 1);
    }

    /** 条例第50条: the day by which the report on {@code year} is published, 31 January of the next year. */
    public static LocalDate dueOn(int year) {
        return LocalDate.of(year + 1, 1, 31);
    }

    /** The generate form's default: the last year that has ended and has no report (last year, if all have one). */
    @Transactional(readOnly = true)
    public int defaultYear() {
        int lastEnded = today().getYear() - 1;
        java.util.Set<Integer> done = new java.util.HashSet<>(jdbc.queryForList("select year from annual_report", Integer.class));
        for (int y = lastEnded; y >= 2008; y--) {
            if (!done.contains(y)) {
                return y;
            }
        }
        return lastEnded;
    }

    @Transactional(readOnly = true)
    public Editing editing(int year, StaffPrincipal me) {
        Map<String, Object> row = row(year);
        EditionView edition = content.viewFor(((Number) row.get("edition_id")).longValue(), me);
        return new Editing(report(year, row), edition, ((Number) row.get("version")).longValue(), rendering.pdfAvailable());
    }

    /**
     * Saves the texts and entered figures and re-renders the item. Table 4 totals must equal their parts; a report under review
     * cannot change, and a published one gets a new edition.
     */
    @Transactional
    public void save(int year, long version, Input in, StaffPrincipal me) {
        check(in.figures());
        Map<String, Object> row = row(year);
        EditionView edition = content.viewFor(((Number) row.get("edition_id")).longValue(), me);
        if (!me.has(Role.CLERK) || me.departmentId() != edition.departmentId()) {
            throw new NotFoundException();
        }
        if (edition.state() == EditionState.PUBLISHED) {
            edition = content.newEditionFromPublished(edition.documentId(), me);
        } else if (!edition.editable()) {
            throw new RuleViolation(null, "report.error.inReview");
        }
        int changed = jdbc.update("""
                update annual_report set overview = ?, problems = ?, other = ?, figures = ?::jsonb, edition_id = ?, version = version + 1,
                    updated_by = ?, updated_at = ?
                where year = ? and version = ?""", text(in.overview()), text(in.problems()), text(in.other()),
                json.writeValueAsString(in.figures()), edition.editionId(), me.id(), Timestamp.from(Instant.now(clock)), year, version);
        if (changed != 1) {
            throw new ObjectOptimisticLockingFailureException(AnnualReport.class, year);
        }
        AnnualReport report = report(year, row(year));
        content.editDraft(edition.editionId(), edition.version(), draftInput(report, edition.catalogueNodeId(),
                edition.number() > 1 ? "更新年度报告内容和数据" : null), me);
        attach(edition.editionId(), report, me);
        audit.record("report.saved", "edition", edition.editionId(), report.title());
    }

    /** The year's report as it stands, with figures tallied now. */
    @Transactional(readOnly = true)
    public AnnualReport report(int year) {
        return report(year, row(year));
    }

    // ---- tallies ------------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public AnnualReport.Tallies tallies(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        String normative = "规范性文件";
        int issued = publications.issued(normative, first, last);
        int repealed = publications.repealed(normative, first, last);
        int inForce = publications.inForce(normative, last);
        long published = publications.firstPublished(null, first, last);
        Map<Table3Row, Map<ApplicantCategory, Long>> table3 = requests.table3(year);
        AnnualReport.Tallies draft = new AnnualReport.Tallies(issued, repealed, inForce, table3, List.of(), published, 0);
        return new AnnualReport.Tallies(issued, repealed, inForce, table3, mismatches(draft), published,
                draft.table3Total(Table3Row.NEW_RECEIVED));
    }

    private static final List<String> CATEGORY_NAMES = List.of("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他");

    /** Per column (and 总计): 新收 + 上年结转 = 办理结果总计 + 结转下年度, and 总计 = the sum of the result rows. */
    static List<String> mismatches(AnnualReport.Tallies t) {
        List<String> problems = new ArrayList<>();
        List<Table3Row> results = List.of(Table3Row.values()).subList(Table3Row.DISCLOSED.ordinal(), Table3Row.TOTAL.ordinal());
        for (int c = 0; c <= ApplicantCategory.values().length; c++) {
            boolean total = c == ApplicantCategory.values().length;
            ApplicantCategory category = total ? null : ApplicantCategory.values()[c];
            java.util.function.Function<Table3Row, Long> cell = row -> total ? t.table3Total(row) : t.table3(row, category);
            String name = total ? "总计" : CATEGORY_NAMES.get(c);
            long in = cell.apply(Table3Row.NEW_RECEIVED) + cell.apply(Table3Row.CARRIED_OVER);
            long out = cell.apply(Table3Row.TOTAL) + cell.apply(Table3Row.CARRIED_FORWARD);
            if (in != out) {
                problems.add(name + "：新收" + cell.apply(Table3Row.NEW_RECEIVED) + " + 上年结转" + cell.apply(Table3Row.CARRIED_OVER)
                        + " ≠ 办理总计" + cell.apply(Table3Row.TOTAL) + " + 结转下年度" + cell.apply(Table3Row.CARRIED_FORWARD));
            }
            long sum = results.stream().mapToLong(cell::apply).sum();
            if (sum != cell.apply(Table3Row.TOTAL)) {
                problems.add(name + "：各项办理结果之和" + sum + " ≠ 总计" + cell.apply(Table3Row.TOTAL));
            }
        }
        return problems;
    }

    /** Table 2's decision counts start from the items published in the corresponding columns; the office corrects them. */
    private AnnualReport.Figures prefilledFigures(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        int licences = publications.firstPublished("jdzf-xzxk", first, last);
        int penalties = publications.firstPublished("jdzf-xzcf", first, last);
        return new AnnualReport.Figures(0, 0, 0, licences, penalties, 0, BigDecimal.ZERO, List.of());
    }

    static void check(AnnualReport.Figures f) {
        if (f.rulesIssued() < 0 || f.rulesRepealed() < 0 || f.rulesInForce() < 0 || f.licences() < 0 || f.penalties() < 0
                || f.enforcement() < 0 || f.table4().stream().anyMatch(n -> n < 0)) {
            throw new RuleViolation(null, "report.error.negative");
        }
        if (f.fees().signum() < 0 || f.fees().scale() > 4 || f.fees().compareTo(new BigDecimal("100000000")) >= 0) {
            throw new RuleViolation("fees", "report.error.fees");
        }
        for (int g = 0; g < 3; g++) {
            int parts = f.table4(g, 0) + f.table4(g, 1) + f.table4(g, 2) + f.table4(g, 3);
            if (parts != f.table4(g, 4)) {
                throw new RuleViolation("table4", "report.error.table4." + g);
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private Map<String, Object> row(int year) {
        List<Map<String, Object>> rows = jdbc.queryForList("select * from annual_report where year = ?", year);
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        return rows.get(0);
    }

    private AnnualReport report(int year, Map<String, Object> row) {
        AnnualReport.Figures figures = json.readValue(row.get("figures").toString(), AnnualReport.Figures.class);
        return new AnnualReport(year, title(year), organisation, (String) row.get("overview"), (String) row.get("problems"),
                (String) row.get("other"), figures, tallies(year));
    }

    private String title(int year) {
        return organisation + year + "年政府信息公开工作年度报告";
    }

    private DraftInput draftInput(AnnualReport report, long node, String changeNote) {
        return new DraftInput(report.title(), null, today(), report.year() + "年度政府信息公开工作情况，含主动公开、依申请公开、行政复议和行政诉讼情况。",
                "年度报告 政府信息公开", node, null, "年度报告", "社会公众", "主动公开", rendering.bodyHtml(report), changeNote, false, false);
    }

    /** Replaces the edition's attachments by the report's PDF (when a font is installed), DOCX and XLSX. */
    private void attach(long editionId, AnnualReport report, StaffPrincipal me) {
        for (Attachments.Attachment a : attachments.list(editionId)) {
            attachments.remove(editionId, a.id(), me);
        }
        String name = report.year() + "年政府信息公开工作年度报告";
        rendering.pdf(report).ifPresent(pdf -> attachments.add(editionId, name + ".pdf", pdf.length, new ByteArrayInputStream(pdf), me));
        byte[] docx = rendering.docx(report);
        attachments.add(editionId, name + ".docx", docx.length, new ByteArrayInputStream(docx), me);
        byte[] xlsx = rendering.xlsx(report);
        attachments.add(editionId, name + "（数据）.xlsx", xlsx.length, new ByteArrayInputStream(xlsx), me);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
