package org.gongkai.inspection;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gongkai.content.ColumnCadence;
import org.gongkai.content.ColumnCadence.Column;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublishedInventory;
import org.gongkai.reporting.Obligations;
import org.gongkai.requests.InformationRequests;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 网站自查: every veto item (单项否决) and scored item of 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号) that the software
 * can judge, computed from what is public now, with the office's thresholds; modules add checks through
 * {@link SelfCheckContributor}.
 */
@Service
public class SiteInspection {

    /** The indicator document the checks cite. */
    public static final String INDICATORS = "国办秘函〔2019〕19号";
    /** 办事指南重点要素 the guide check looks for in each guide's text. */
    public static final List<String> GUIDE_ELEMENTS = List.of("设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "收费", "联系电话", "办理流程");
    /** The column of 办事指南 in the standard catalogue. */
    public static final String GUIDE_COLUMN = "bszn";

    /** A column's cadence state on a day. */
    public record ColumnState(Column column, long items, LocalDate lastUpdate, Integer limitDays, Long daysSince,
                              LocalDate staleOn, boolean blank, boolean stale, boolean dueSoon, String department, Long departmentId) {
    }

    /** The whole self-check on a day. */
    public record Result(LocalDate asOf, List<Check> veto, List<Check> scored, CheckStatus overall, Ratios ratios, CrawlInfo crawl) {
        public List<Check> all() {
            List<Check> all = new ArrayList<>(veto);
            all.addAll(scored);
            return all;
        }

        public Optional<Check> check(String key) {
            return all().stream().filter(c -> c.key().equals(key)).findFirst();
        }
    }

    /** The last link crawl. */
    public record CrawlInfo(java.time.LocalDateTime startedAt, java.time.LocalDateTime finishedAt, int pages, int links, int dead, Integer homeStatus) {
    }

    /** One month of the interpretation and response trend. */
    public record Month(YearMonth month, int policies, int interpretedOnTime, int interpretedLate, int notInterpreted,
                        int requestsDue, int requestsLate) {
        public Integer onTimePercent() {
            return policies == 0 ? null : (int) Math.round(100.0 * interpretedOnTime / policies);
        }
    }

    /** Interpretation and response ratios: counted, listed (in the checks) and trended by month. */
    public record Ratios(int policies, int interpretedOnTime, int interpretedLate, int notInterpreted, int oneWay,
                         int requestsLate, int requestsOpenOverdue, List<Month> months) {
        public Integer onTimePercent() {
            return policies == 0 ? null : (int) Math.round(100.0 * interpretedOnTime / policies);
        }
    }

    private final ColumnCadence cadence;
    private final PublishedInventory inventory;
    private final InformationRequests requests;
    private final IdentityManagement identity;
    private final TextChecks texts;
    private final Thresholds thresholds;
    private final List<SelfCheckContributor> contributors;
    private final ColumnChecks columnChecks;
    private final LinkChecks linkChecks;
    private final InterpretationChecks interpretations;
    private final JdbcTemplate jdbc;
    private final MessageSource messages;
    private final Clock clock;

    SiteInspection(ColumnCadence cadence, PublishedInventory inventory, InformationRequests requests, IdentityManagement identity,
                   TextChecks texts, Thresholds thresholds, List<SelfCheckContributor> contributors, ColumnChecks columnChecks,
                   LinkChecks linkChecks, InterpretationChecks interpretations, JdbcTemplate jdbc, MessageSource messages, Clock clock) {
        this.cadence = cadence;
        this.inventory = inventory;
        this.requests = requests;
        this.identity = identity;
        this.texts = texts;
        this.thresholds = thresholds;
        this.contributors = contributors;
        this.columnChecks = columnChecks;
        this.linkChecks = linkChecks;
        this.interpretations = interpretations;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER', 'SYSADMIN')")
    public Result today() {
        return run(LocalDate.now(clock));
    }

    /** The self-check as of a day (today's content judged against that day), for the office's page and the quarterly report. */
    @Transactional(readOnly = true)
    public Result run(LocalDate asOf) {
        Thresholds.Values t = thresholds.values();
        Map<Long, String> departments = identity.departmentNames();
        List<PublishedInventory.Entry> entries = inventory.entries();
        List<ColumnState> states = columnChecks.states(asOf, t, inventory.columnActivity(), departments);

        List<Check> veto = new ArrayList<>();
        veto.add(unreachable(t));
        veto.add(columnChecks.homeStale(asOf, t));
        veto.add(columnChecks.stale(states, t));
        veto.add(columnChecks.blank(states, t));
        veto.add(seriousErrors(departments));
        List<Obligations.PolicyCheck> policies = interpretations.policies(asOf);
        List<InformationRequests.LateRequest> late = requests.lateRequests();
        veto.add(interaction(asOf, t, late));

        List<Check> scored = new ArrayList<>();
        scored.add(linkChecks.links(entries, departments));
        List<Finding> oneWay = interpretations.oneWay(entries);
        Ratios ratios = interpretations.ratios(asOf, policies, late, oneWay.size());
        scored.add(interpretations.interpretation(t, policies, oneWay, ratios));
        scored.add(guides(entries, departments));
        scored.add(new Check("consultationFeedback", text("consultationFeedback.title"), false,
                text("consultationFeedback.rule", t.feedbackDays()), text("consultationFeedback.source", INDICATORS),
                CheckStatus.NOT_APPLICABLE, text("consultationFeedback.none"), List.of()));

        for (SelfCheckContributor contributor : contributors) {
            for (Check contributed : contributor.checks(asOf, t)) {
                merge(contributed.veto() ? veto : scored, contributed);
            }
        }
        CheckStatus overall = veto.stream().anyMatch(c -> c.status() == CheckStatus.FAIL) ? CheckStatus.FAIL
                : veto.stream().anyMatch(c -> c.status() == CheckStatus.RISK) || scored.stream().anyMatch(c -> c.status() != CheckStatus.PASS && c.status() != CheckStatus.NOT_APPLICABLE)
                ? CheckStatus.RISK : CheckStatus.PASS;
        return new Result(asOf, veto, scored, overall, ratios, lastCrawl().orElse(null));
    }

    private static void merge(List<Check> checks, Check contributed) {
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (c.key().equals(contributed.key())) {
                List<Finding> findings = new ArrayList<>(c.findings());
                findings.addAll(contributed.findings());
                CheckStatus status = c.status().worst(contributed.status());
                String summary = c.status() == CheckStatus.NOT_APPLICABLE ? contributed.summary() : c.summary() + "；" + contributed.summary();
                checks.set(i, new Check(c.key(), c.title(), c.veto(), c.rule(), c.source(), status, summary, findings));
                return;
            }
        }
        checks.add(contributed);
    }

    // ---- columns --------------------------------------------------------------------------------------------------

    /** Each column's cadence state on a day. */
    @Transactional(readOnly = true)
    public List<ColumnState> columns(LocalDate asOf) {
        return columnChecks.states(asOf, thresholds.values(), inventory.columnActivity(), identity.departmentNames());
    }

    private Check unreachable(Thresholds.Values t) {
        Optional<CrawlInfo> crawl = lastCrawl();
        String rule = text("unreachable.rule");
        String source = text("veto.source", INDICATORS);
        if (crawl.isEmpty() || crawl.get().finishedAt() == null) {
            return new Check("unreachable", text("unreachable.title"), true, rule, source, CheckStatus.RISK, text("unreachable.notYet"), List.of());
        }
        Integer home = crawl.get().homeStatus();
        boolean ok = home != null && home == 200;
        return new Check("unreachable", text("unreachable.title"), true, rule, source, ok ? CheckStatus.PASS : CheckStatus.FAIL,
                text("unreachable.summary", crawl.get().finishedAt().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                        home == null ? "—" : home.toString()),
                ok ? List.of() : List.of(new Finding("/", text("unreachable.detail", home == null ? "—" : home.toString()), "",
                        CheckStatus.FAIL, "/admin/inspection", "/")));
    }

    private Check seriousErrors(Map<Long, String> departments) {
        List<Finding> findings = new ArrayList<>();
        String after = null;
        while (true) {
            List<PublishedInventory.Source> batch = inventory.sources(after, 500);
            if (batch.isEmpty()) {
                break;
            }
            for (PublishedInventory.Source s : batch) {
                for (TextChecks.Flag f : texts.scan(s.title(), s.bodyHtml())) {
                    findings.add(new Finding(s.title(), text("serious.detail", f.wrong(), f.correct(), f.context()),
                            departments.getOrDefault(s.departmentId(), ""), CheckStatus.FAIL, documents(s.title()),
                            "/items/" + s.documentId()));
                }
            }
            after = batch.get(batch.size() - 1).documentId();
        }
        return new Check("seriousErrors", text("seriousErrors.title"), true, text("seriousErrors.rule"), text("veto.source", INDICATORS),
                findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, text("seriousErrors.summary", findings.size()), findings);
    }

    private Check interaction(LocalDate asOf, Thresholds.Values t, List<InformationRequests.LateRequest> late) {
        List<Finding> findings = new ArrayList<>();
        for (InformationRequests.LateRequest r : late) {
            if (!r.open()) {
                continue;
            }
            long days = r.dueOn() == null ? 0 : ChronoUnit.DAYS.between(r.dueOn(), asOf);
            findings.add(new Finding(text("interaction.request", r.number()), text("interaction.detail", r.dueOn(), r.workingDaysOverdue()),
                    r.departmentName() == null ? "" : r.departmentName(), days > t.unansweredDays() ? CheckStatus.FAIL : CheckStatus.RISK,
                    "/admin/requests/" + r.id(), null));
        }
        CheckStatus status = findings.stream().map(Finding::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        return new Check("interaction", text("interaction.title"), true, text("interaction.rule", t.unansweredDays()),
                text("veto.source", INDICATORS), status, text("interaction.summary", findings.size()), findings);
    }

    // ---- scored items ---------------------------------------------------------------------------------------------

    /** A link found on a public page and what its target answered (document links judged by their public status now). */
    public record LinkState(String pagePath, String pageTitle, String documentId, String department, String url, boolean external,
                            String source, Integer status, String redirectTo, String error, java.time.LocalDateTime checkedAt) {
        public boolean dead() {
            return status != null && status >= 400 || status == null && error != null && !error.startsWith("robots");
        }
    }

    /** Every link the crawl recorded on pages that are public now. */
    @Transactional(readOnly = true)
    public List<LinkState> linkStates() {
        return linkChecks.states(inventory.entries(), identity.departmentNames());
    }

    private Check guides(List<PublishedInventory.Entry> entries, Map<Long, String> departments) {
        Set<String> guideColumns = new java.util.HashSet<>();
        List<Column> columns = cadence.columns();
        guideColumns.add(GUIDE_COLUMN);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Column c : columns) {
                if (c.parentId() != null && !guideColumns.contains(c.code())
                        && columns.stream().anyMatch(p -> p.id() == c.parentId() && guideColumns.contains(p.code()))) {
                    guideColumns.add(c.code());
                    grew = true;
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        int guides = 0;
        for (PublishedInventory.Entry e : entries) {
            if (!guideColumns.contains(e.catalogueCode()) || e.status() != PublicStatus.LIVE) {
                continue;
            }
            guides++;
            String body = inventory.source(e.documentId()).map(s -> org.jsoup.Jsoup.parseBodyFragment(s.bodyHtml()).text()).orElse("");
            List<String> missing = GUIDE_ELEMENTS.stream().filter(el -> !body.contains(el)).toList();
            if (!missing.isEmpty()) {
                findings.add(new Finding(e.title(), text("guides.detail", String.join("、", missing)), e.departmentName(),
                        missing.size() > GUIDE_ELEMENTS.size() / 2 ? CheckStatus.FAIL : CheckStatus.RISK,
                        documents(e.title()), "/items/" + e.documentId()));
            }
        }
        CheckStatus status = findings.stream().map(Finding::status).reduce(guides == 0 ? CheckStatus.RISK : CheckStatus.PASS, CheckStatus::worst);
        return new Check("guides", text("guides.title"), false, text("guides.rule", String.join("、", GUIDE_ELEMENTS)),
                text("scored.source", INDICATORS), status, text("guides.summary", guides, findings.size()), findings);
    }

    // ---- crawl --------------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<CrawlInfo> lastCrawl() {
        return jdbc.query("""
                select started_at, finished_at, pages, links, dead, home_status from link_crawl
                where finished_at is not null order by id desc limit 1""", (rs, n) -> new CrawlInfo(linkChecks.local(rs.getTimestamp(1).toInstant()),
                linkChecks.local(rs.getTimestamp(2).toInstant()), rs.getInt(3), rs.getInt(4), rs.getInt(5), (Integer) rs.getObject(6))).stream().findFirst();
    }

    private static String documents(String title) {
        return InspectionTexts.documents(title);
    }

    private String text(String key, Object... args) {
        return messages.getMessage("inspection.check." + key, args, Locale.SIMPLIFIED_CHINESE);
    }

    /** Groups findings by department, for the report. */
    public static Map<String, Long> byDepartment(Result result) {
        Map<String, Long> counts = new HashMap<>();
        result.all().forEach(c -> c.findings().stream().filter(f -> f.status() == CheckStatus.FAIL)
                .forEach(f -> counts.merge(f.department().isEmpty() ? "—" : f.department(), 1L, Long::sum)));
        return counts;
    }
}
