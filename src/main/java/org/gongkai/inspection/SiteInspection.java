package org.gongkai.inspection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.content.ColumnCadence;
import org.gongkai.content.ColumnCadence.Column;
import org.gongkai.content.ColumnCadence.Kind;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.inspection.internal.LinkCrawler;
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
    private final Obligations obligations;
    private final InformationRequests requests;
    private final IdentityManagement identity;
    private final TextChecks texts;
    private final Thresholds thresholds;
    private final List<SelfCheckContributor> contributors;
    private final JdbcTemplate jdbc;
    private final MessageSource messages;
    private final Clock clock;

    SiteInspection(ColumnCadence cadence, PublishedInventory inventory, Obligations obligations, InformationRequests requests,
                   IdentityManagement identity, TextChecks texts, Thresholds thresholds, List<SelfCheckContributor> contributors,
                   JdbcTemplate jdbc, MessageSource messages, Clock clock) {
        this.cadence = cadence;
        this.inventory = inventory;
        this.obligations = obligations;
        this.requests = requests;
        this.identity = identity;
        this.texts = texts;
        this.thresholds = thresholds;
        this.contributors = contributors;
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
        List<ColumnState> columns = columnStates(asOf, t, entries, departments);

        List<Check> veto = new ArrayList<>();
        veto.add(unreachable(t));
        veto.add(homeStale(asOf, t));
        veto.add(staleColumns(columns, t));
        veto.add(blankColumns(columns, t));
        veto.add(seriousErrors(departments));
        List<Obligations.PolicyCheck> policies = policies(asOf);
        List<InformationRequests.LateRequest> late = requests.lateRequests();
        veto.add(interaction(asOf, t, late));

        List<Check> scored = new ArrayList<>();
        scored.add(links(entries, departments));
        List<Finding> oneWay = oneWay(entries);
        Ratios ratios = ratios(asOf, policies, late, oneWay.size());
        scored.add(interpretation(t, policies, oneWay, ratios));
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
        return columnStates(asOf, thresholds.values(), inventory.entries(), identity.departmentNames());
    }

    private List<ColumnState> columnStates(LocalDate asOf, Thresholds.Values t, List<PublishedInventory.Entry> entries,
                                           Map<Long, String> departments) {
        List<Column> all = cadence.columns().stream().filter(c -> !c.retired()).toList();
        Map<Long, List<Column>> children = all.stream().filter(c -> c.parentId() != null).collect(Collectors.groupingBy(Column::parentId));
        Map<String, List<PublishedInventory.Entry>> byCode = entries.stream().collect(Collectors.groupingBy(PublishedInventory.Entry::catalogueCode));
        List<ColumnState> states = new ArrayList<>();
        for (Column column : all) {
            List<PublishedInventory.Entry> items = new ArrayList<>();
            collect(column, children, byCode, items);
            LocalDate last = items.stream().filter(e -> e.status() == PublicStatus.LIVE).map(PublishedInventory.Entry::lastMajorChangeAt)
                    .max(Comparator.naturalOrder()).map(i -> i.atZone(clock.getZone()).toLocalDate()).orElse(null);
            Integer limit = column.intervalDays() != null ? column.intervalDays() : switch (column.kind()) {
                case DYNAMIC, NEWS -> t.staleDaysDynamic();
                case NOTICE, POLICY -> t.staleDaysNotice();
                case STATIC -> null;
            };
            boolean blank = items.isEmpty() && !column.intentionallyEmpty();
            Long since = last == null ? null : ChronoUnit.DAYS.between(last, asOf);
            LocalDate staleOn = last == null || limit == null ? null : last.plusDays(limit + 1L);
            boolean stale = since != null && limit != null && since > limit;
            boolean dueSoon = !stale && since != null && limit != null && since > limit - t.remindDaysBefore();
            // the department answerable for the column: its disclosure matter's, else the one that last published in it
            Long departmentId = column.matterDepartmentId() != null ? column.matterDepartmentId()
                    : items.stream().max(Comparator.comparing(PublishedInventory.Entry::lastMajorChangeAt)).map(PublishedInventory.Entry::departmentId).orElse(null);
            states.add(new ColumnState(column, items.size(), last, limit, since, staleOn, blank, stale, dueSoon,
                    departmentId == null ? "" : departments.getOrDefault(departmentId, ""), departmentId));
        }
        return states;
    }

    private static void collect(Column column, Map<Long, List<Column>> children, Map<String, List<PublishedInventory.Entry>> byCode,
                                List<PublishedInventory.Entry> into) {
        into.addAll(byCode.getOrDefault(column.code(), List.of()));
        for (Column child : children.getOrDefault(column.id(), List.of())) {
            collect(child, children, byCode, into);
        }
    }

    private Check staleColumns(List<ColumnState> columns, Thresholds.Values t) {
        List<Finding> findings = new ArrayList<>();
        int frequent = 0;
        int stale = 0;
        for (ColumnState c : columns) {
            if (c.stale()) {
                stale++;
                if (c.column().kind() != Kind.STATIC) {
                    frequent++;
                }
                findings.add(columnFinding(c, CheckStatus.FAIL, text("stale.detail", c.daysSince(), c.limitDays(), c.lastUpdate())));
            } else if (c.dueSoon()) {
                findings.add(columnFinding(c, CheckStatus.RISK, text("stale.soon", c.staleOn(), c.limitDays())));
            }
        }
        CheckStatus status = frequent >= t.staleColumnsVeto() || stale >= t.longStaleColumnsVeto() ? CheckStatus.FAIL
                : findings.isEmpty() ? CheckStatus.PASS : CheckStatus.RISK;
        return new Check("staleColumns", text("staleColumns.title"), true,
                text("staleColumns.rule", t.staleDaysDynamic(), t.staleDaysNotice(), t.staleColumnsVeto(), t.longStaleColumnsVeto()),
                text("veto.source", INDICATORS), status, text("staleColumns.summary", stale, frequent), findings);
    }

    private Check blankColumns(List<ColumnState> columns, Thresholds.Values t) {
        List<Finding> findings = columns.stream().filter(ColumnState::blank)
                .map(c -> columnFinding(c, CheckStatus.FAIL, text("blank.detail"))).toList();
        long accepted = columns.stream().filter(c -> c.items() == 0 && c.column().intentionallyEmpty()).count();
        CheckStatus status = findings.size() >= t.blankColumnsVeto() ? CheckStatus.FAIL : findings.isEmpty() ? CheckStatus.PASS : CheckStatus.RISK;
        return new Check("blankColumns", text("blankColumns.title"), true, text("blankColumns.rule", t.blankColumnsVeto()),
                text("veto.source", INDICATORS), status, text("blankColumns.summary", findings.size(), accepted), findings);
    }

    private Finding columnFinding(ColumnState c, CheckStatus status, String detail) {
        return new Finding(c.column().name() + "（" + c.column().code() + "）", detail, c.department(), status,
                "/admin/inspection/columns/" + c.column().id(), "/catalogue/" + c.column().code());
    }

    private Check homeStale(LocalDate asOf, Thresholds.Values t) {
        Optional<LocalDate> last = inventory.latestChange().map(i -> i.atZone(clock.getZone()).toLocalDate());
        long days = last.map(d -> ChronoUnit.DAYS.between(d, asOf)).orElse(Long.MAX_VALUE);
        CheckStatus status = days > t.homeStaleDays() ? CheckStatus.FAIL
                : days > t.homeStaleDays() - t.remindDaysBefore() ? CheckStatus.RISK : CheckStatus.PASS;
        List<Finding> findings = status == CheckStatus.PASS ? List.of()
                : List.of(new Finding(text("homeStale.subject"), last.map(d -> text("homeStale.detail", d, days)).orElse(text("homeStale.never")),
                "", status, "/admin/documents/new", "/"));
        return new Check("homeStale", text("homeStale.title"), true, text("homeStale.rule", t.homeStaleDays()),
                text("veto.source", INDICATORS), status, last.map(d -> text("homeStale.summary", d)).orElse(text("homeStale.never")), findings);
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
        return linkStates(inventory.entries(), identity.departmentNames());
    }

    private List<LinkState> linkStates(List<PublishedInventory.Entry> entries, Map<Long, String> departments) {
        Map<String, PublishedInventory.Entry> byId = entries.stream().collect(Collectors.toMap(PublishedInventory.Entry::documentId, e -> e));
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select o.page_path, o.document_id, o.department_id, o.url, o.source, t.external, t.status, t.redirect_to, t.error, t.checked_at
                from link_occurrence o join link_target t on t.url = o.url order by o.page_path, o.url""");
        Set<String> targets = new java.util.HashSet<>();
        for (Map<String, Object> row : rows) {
            var m = LinkCrawler.ITEM.matcher((String) row.get("url"));
            if (!(Boolean) row.get("external") && m.matches()) {
                targets.add(m.group(1));
            }
        }
        Map<String, PublicStatus> statuses = inventory.statuses(targets);
        List<LinkState> links = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String documentId = (String) row.get("document_id");
            if (documentId != null && !byId.containsKey(documentId)) {
                continue; // the page itself is no longer public
            }
            String url = (String) row.get("url");
            boolean external = (Boolean) row.get("external");
            Integer status = (Integer) row.get("status");
            String error = (String) row.get("error");
            var m = LinkCrawler.ITEM.matcher(url);
            if (!external && m.matches()) {
                status = switch (statuses.getOrDefault(m.group(1), PublicStatus.NONE)) {
                    case LIVE, WITHDRAWN -> 200;
                    case UNPUBLISHED -> 410;
                    case NONE -> 404;
                };
                error = null;
            }
            Long departmentId = row.get("department_id") == null ? null : ((Number) row.get("department_id")).longValue();
            java.sql.Timestamp checked = (java.sql.Timestamp) row.get("checked_at");
            links.add(new LinkState((String) row.get("page_path"), documentId == null ? (String) row.get("page_path") : byId.get(documentId).title(),
                    documentId, departmentId == null ? "" : departments.getOrDefault(departmentId, ""), url, external,
                    (String) row.get("source"), status, (String) row.get("redirect_to"), error, checked == null ? null : local(checked.toInstant())));
        }
        return links;
    }

    private Check links(List<PublishedInventory.Entry> entries, Map<Long, String> departments) {
        List<LinkState> all = linkStates(entries, departments);
        List<Finding> findings = all.stream().filter(LinkState::dead).map(l -> new Finding(l.url(),
                text("links.detail", l.pageTitle(), l.status() == null ? l.error() : l.status().toString()), l.department(), CheckStatus.FAIL,
                l.documentId() == null ? "/admin/inspection/links" : documents(l.pageTitle()), l.pagePath())).toList();
        long redirects = all.stream().filter(l -> l.redirectTo() != null && !l.dead()).count();
        return new Check("links", text("links.title"), false, text("links.rule"), text("scored.source", INDICATORS),
                findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, text("links.summary", all.size(), findings.size(), redirects), findings);
    }

    private Check interpretation(Thresholds.Values t, List<Obligations.PolicyCheck> policies, List<Finding> oneWay, Ratios r) {
        List<Finding> findings = new ArrayList<>();
        for (Obligations.PolicyCheck p : policies) {
            if (p.status() == Obligations.Status.MISSING) {
                findings.add(new Finding(p.title(), text("interpretation.missing", p.published()), p.department(), CheckStatus.FAIL,
                        "/admin/documents/new", "/items/" + p.documentId()));
            } else if (p.status() == Obligations.Status.LATE) {
                findings.add(new Finding(p.title(), text("interpretation.late", p.published(), p.interpreted(), p.workingDays()),
                        p.department(), CheckStatus.RISK, "/admin/compliance", "/items/" + p.documentId()));
            }
        }
        findings.addAll(oneWay);
        CheckStatus status = findings.stream().map(Finding::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        return new Check("interpretation", text("interpretation.title"), false, text("interpretation.rule", t.interpretationWorkingDays()),
                text("scored.source", INDICATORS), status,
                text("interpretation.summary", r.policies(), r.interpretedOnTime(), r.onTimePercent() == null ? "—" : r.onTimePercent() + "%", r.oneWay()),
                findings);
    }

    /** Interpretations that link to nothing public, and those filed as 政策解读 with no link at all. */
    private List<Finding> oneWay(List<PublishedInventory.Entry> entries) {
        Map<String, PublishedInventory.Entry> byId = entries.stream().collect(Collectors.toMap(PublishedInventory.Entry::documentId, e -> e));
        List<PublishedInventory.InterpretationLink> links = inventory.interpretationLinks();
        Map<String, PublicStatus> statuses = inventory.statuses(links.stream().map(PublishedInventory.InterpretationLink::documentId).toList());
        Set<String> linked = links.stream().map(PublishedInventory.InterpretationLink::interpretationId).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (PublishedInventory.InterpretationLink l : links) {
            PublicStatus target = statuses.getOrDefault(l.documentId(), PublicStatus.NONE);
            PublishedInventory.Entry e = byId.get(l.interpretationId());
            if (e != null && target != PublicStatus.LIVE && target != PublicStatus.WITHDRAWN) {
                findings.add(new Finding(e.title(), text("interpretation.targetGone"), e.departmentName(), CheckStatus.FAIL,
                        documents(e.title()), "/items/" + e.documentId()));
            }
        }
        for (PublishedInventory.Entry e : entries) {
            if ("政策解读".equals(e.genre()) && !linked.contains(e.documentId())) {
                findings.add(new Finding(e.title(), text("interpretation.unlinked"), e.departmentName(), CheckStatus.RISK,
                        documents(e.title()), "/items/" + e.documentId()));
            }
        }
        return findings;
    }

    private List<Obligations.PolicyCheck> policies(LocalDate asOf) {
        List<Obligations.PolicyCheck> all = new ArrayList<>();
        for (int year = asOf.getYear() - 1; year <= asOf.getYear(); year++) {
            all.addAll(obligations.dashboard(year, null, asOf).policies());
        }
        return all;
    }

    private Ratios ratios(LocalDate asOf, List<Obligations.PolicyCheck> policies, List<InformationRequests.LateRequest> late, int oneWay) {
        Map<YearMonth, int[]> months = new LinkedHashMap<>();
        YearMonth last = YearMonth.from(asOf);
        for (YearMonth m = last.minusMonths(11); !m.isAfter(last); m = m.plusMonths(1)) {
            months.put(m, new int[6]);
        }
        int onTime = 0, lateCount = 0, missing = 0;
        for (Obligations.PolicyCheck p : policies) {
            int[] m = months.get(YearMonth.from(p.published()));
            switch (p.status()) {
                case ON_TIME -> { onTime++; if (m != null) { m[0]++; m[1]++; } }
                case LATE -> { lateCount++; if (m != null) { m[0]++; m[2]++; } }
                case MISSING -> { missing++; if (m != null) { m[0]++; m[3]++; } }
                default -> { }
            }
        }
        for (InformationRequests.LateRequest r : late) {
            if (r.dueOn() != null) {
                int[] m = months.get(YearMonth.from(r.dueOn()));
                if (m != null) {
                    m[5]++;
                }
            }
        }
        List<Month> trend = months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5])).toList();
        int counted = onTime + lateCount + missing;
        return new Ratios(counted, onTime, lateCount, missing, oneWay, (int) late.stream().filter(r -> !r.open()).count(),
                (int) late.stream().filter(InformationRequests.LateRequest::open).count(), trend);
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
                where finished_at is not null order by id desc limit 1""", (rs, n) -> new CrawlInfo(local(rs.getTimestamp(1).toInstant()),
                local(rs.getTimestamp(2).toInstant()), rs.getInt(3), rs.getInt(4), rs.getInt(5), (Integer) rs.getObject(6))).stream().findFirst();
    }

    private java.time.LocalDateTime local(Instant instant) {
        return instant.atZone(clock.getZone()).toLocalDateTime();
    }

    /** The console's list of the office's documents, filtered by a title. */
    private static String documents(String title) {
        return "/admin/documents?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8);
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
