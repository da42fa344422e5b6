package org.gongkai.inspection;

import static org.gongkai.inspection.SiteInspection.INDICATORS;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.inspection.SiteInspection.Month;
import org.gongkai.inspection.SiteInspection.Ratios;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublishedInventory;
import org.gongkai.reporting.Obligations;
import org.gongkai.requests.InformationRequests;
import org.springframework.stereotype.Component;

/**
 * The interpretation item of {@link SiteInspection}: policies interpreted on time, late or not at all, one-way
 * interpretations, and the ratios and twelve-month trend of interpretations and late request answers.
 */
@Component
class InterpretationChecks {

    private final Obligations obligations;
    private final PublishedInventory inventory;
    private final InspectionTexts texts;

    InterpretationChecks(Obligations obligations, PublishedInventory inventory, InspectionTexts texts) {
        this.obligations = obligations;
        this.inventory = inventory;
        this.texts = texts;
    }

    Check interpretation(Thresholds.Values t, List<Obligations.PolicyCheck> policies, List<Finding> oneWay, Ratios r) {
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
    List<Finding> oneWay(List<PublishedInventory.Entry> entries) {
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

    List<Obligations.PolicyCheck> policies(LocalDate asOf) {
        List<Obligations.PolicyCheck> all = new ArrayList<>();
        for (int year = asOf.getYear() - 1; year <= asOf.getYear(); year++) {
            all.addAll(obligations.dashboard(year, null, asOf).policies());
        }
        return all;
    }

    Ratios ratios(LocalDate asOf, List<Obligations.PolicyCheck> policies, List<InformationRequests.LateRequest> late, int oneWay) {
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

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    private static String documents(String title) {
        return InspectionTexts.documents(title);
    }
}
