package org.gongkai.inspection;

import static org.gongkai.inspection.SiteInspection.INDICATORS;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gongkai.content.ColumnCadence;
import org.gongkai.content.ColumnCadence.Column;
import org.gongkai.content.ColumnCadence.Kind;
import org.gongkai.inspection.SiteInspection.ColumnState;
import org.gongkai.publication.PublishedInventory;
import org.springframework.stereotype.Component;

/** The column items of {@link SiteInspection}: each column's cadence state, 栏目不更新, 空白栏目 and the home page's last update. */
@Component
class ColumnChecks {

    private final ColumnCadence cadence;
    private final PublishedInventory inventory;
    private final InspectionTexts texts;
    private final Clock clock;

    ColumnChecks(ColumnCadence cadence, PublishedInventory inventory, InspectionTexts texts, Clock clock) {
        this.cadence = cadence;
        this.inventory = inventory;
        this.texts = texts;
        this.clock = clock;
    }

    List<ColumnState> states(LocalDate asOf, Thresholds.Values t, Map<String, PublishedInventory.ColumnActivity> activity,
                             Map<Long, String> departments) {
        List<Column> all = cadence.columns().stream().filter(c -> !c.retired()).toList();
        Map<Long, List<Column>> children = all.stream().filter(c -> c.parentId() != null).collect(Collectors.groupingBy(Column::parentId));
        List<ColumnState> states = new ArrayList<>();
        for (Column column : all) {
            List<PublishedInventory.ColumnActivity> parts = new ArrayList<>();
            collect(column, children, activity, parts);
            long items = parts.stream().mapToLong(PublishedInventory.ColumnActivity::items).sum();
            LocalDate last = parts.stream().map(PublishedInventory.ColumnActivity::lastLiveChange).filter(java.util.Objects::nonNull)
                    .max(Comparator.naturalOrder()).map(i -> i.atZone(clock.getZone()).toLocalDate()).orElse(null);
            Integer limit = column.intervalDays() != null ? column.intervalDays() : switch (column.kind()) {
                case DYNAMIC, NEWS -> t.staleDaysDynamic();
                case NOTICE, POLICY -> t.staleDaysNotice();
                case STATIC -> null;
            };
            boolean blank = items == 0 && !column.intentionallyEmpty();
            Long since = last == null ? null : ChronoUnit.DAYS.between(last, asOf);
            LocalDate staleOn = last == null || limit == null ? null : last.plusDays(limit + 1L);
            boolean stale = since != null && limit != null && since > limit;
            boolean dueSoon = !stale && since != null && limit != null && since > limit - t.remindDaysBefore();
            // the department answerable for the column: its disclosure matter's, else the one that last published in it
            Long departmentId = column.matterDepartmentId() != null ? column.matterDepartmentId()
                    : parts.stream().max(Comparator.comparing(PublishedInventory.ColumnActivity::lastChange))
                            .map(PublishedInventory.ColumnActivity::lastDepartmentId).orElse(null);
            states.add(new ColumnState(column, items, last, limit, since, staleOn, blank, stale, dueSoon,
                    departmentId == null ? "" : departments.getOrDefault(departmentId, ""), departmentId));
        }
        return states;
    }

    private static void collect(Column column, Map<Long, List<Column>> children, Map<String, PublishedInventory.ColumnActivity> activity,
                                List<PublishedInventory.ColumnActivity> into) {
        PublishedInventory.ColumnActivity own = activity.get(column.code());
        if (own != null) {
            into.add(own);
        }
        for (Column child : children.getOrDefault(column.id(), List.of())) {
            collect(child, children, activity, into);
        }
    }

    Check stale(List<ColumnState> columns, Thresholds.Values t) {
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

    Check blank(List<ColumnState> columns, Thresholds.Values t) {
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

    Check homeStale(LocalDate asOf, Thresholds.Values t) {
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

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }
}
