package org.gongkai.portal.web;

import java.util.List;

import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublishedItems;
import org.gongkai.publication.Validity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Full-text search over what is published (/search?q=). */
@Controller
class SearchController {

    static final int PAGE_SIZE = 10;

    private final PublishedItems published;

    SearchController(PublishedItems published) {
        this.published = published;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(required = false) String topic, @RequestParam(required = false) String genre,
                  @RequestParam(required = false) String department, @RequestParam(required = false) Integer year,
                  @RequestParam(required = false) Validity validity, Model model) {
        String query = q.length() > PublishedItems.MAX_QUERY_LENGTH ? q.substring(0, PublishedItems.MAX_QUERY_LENGTH) : q.strip();
        ItemFilter filter = new ItemFilter(List.of(), blankToNull(topic), blankToNull(genre), blankToNull(department), year, validity);
        model.addAttribute("q", query);
        model.addAttribute("filter", filter);
        model.addAttribute("facets", published.facets());
        model.addAttribute("results", query.isBlank() ? null : published.search(query, filter, Math.min(Math.max(page, 1), 1000), PAGE_SIZE));
        return "portal/search";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
