package org.gongkai.inspection;

import static org.gongkai.inspection.SiteInspection.INDICATORS;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.gongkai.inspection.SiteInspection.LinkState;
import org.gongkai.inspection.internal.LinkCrawler;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublishedInventory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The link item of {@link SiteInspection}: the links the crawl recorded on pages public now, and the dead ones. */
@Component
class LinkChecks {

    private final PublishedInventory inventory;
    private final InspectionTexts texts;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    LinkChecks(PublishedInventory inventory, InspectionTexts texts, JdbcTemplate jdbc, Clock clock) {
        this.inventory = inventory;
        this.texts = texts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<LinkState> states(List<PublishedInventory.Entry> entries, Map<Long, String> departments) {
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

    Check links(List<PublishedInventory.Entry> entries, Map<Long, String> departments) {
        List<LinkState> all = states(entries, departments);
        List<Finding> findings = all.stream().filter(LinkState::dead).map(l -> new Finding(l.url(),
                text("links.detail", l.pageTitle(), l.status() == null ? l.error() : l.status().toString()), l.department(), CheckStatus.FAIL,
                l.documentId() == null ? "/admin/inspection/links" : documents(l.pageTitle()), l.pagePath())).toList();
        long redirects = all.stream().filter(l -> l.redirectTo() != null && !l.dead()).count();
        return new Check("links", text("links.title"), false, text("links.rule"), text("scored.source", INDICATORS),
                findings.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL, text("links.summary", all.size(), findings.size(), redirects), findings);
    }

    java.time.LocalDateTime local(Instant instant) {
        return instant.atZone(clock.getZone()).toLocalDateTime();
    }

    private String text(String key, Object... args) {
        return texts.text(key, args);
    }

    private static String documents(String title) {
        return InspectionTexts.documents(title);
    }
}
