package org.gongkai.reporting.web;

import org.gongkai.content.ContentManagement;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublishedItems;
import org.gongkai.reporting.AnnualReports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** /reports/annual: every published 政府信息公开工作年度报告, newest first, read from the publication snapshots. */
@Controller
class AnnualReportPage {

    private final PublishedItems published;
    private final ContentManagement content;

    AnnualReportPage(PublishedItems published, ContentManagement content) {
        this.published = published;
        this.content = content;
    }

    @GetMapping("/reports/annual")
    String reports(Model model) {
        var items = published.list(ItemFilter.ofCatalogue(content.codesUnder(AnnualReports.CATALOGUE_CODE)), 1, 50).items().stream()
                .sorted(java.util.Comparator.comparing(org.gongkai.publication.PublicViews.ItemSummary::title).reversed()).toList();
        model.addAttribute("reports", items);
        return "portal/annual-reports";
    }
}
