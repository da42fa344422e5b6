package org.gongkai.portal.web;

import static org.gongkai.portal.web.PublicParameters.MAX_FILTER;
import static org.gongkai.portal.web.PublicParameters.MAX_YEAR;
import static org.gongkai.portal.web.PublicParameters.MIN_YEAR;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.publication.PublicViews;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublicSearch;
import org.gongkai.publication.PublishedItems;
import org.gongkai.publication.Validity;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Full-text search over what is published (/search?q=). */
@Controller
class SearchController {

    static final int PAGE_SIZE = 10;

    private final PublishedItems published;
    /** Published questions and answers (政民互动) matching the query, shown beside the items. */
    private final org.gongkai.interaction.Questions questions;
    private final PublicSearch search;
    private final KeptFragments fragments;

    SearchController(PublishedItems published, PublicSearch search, org.gongkai.interaction.Questions questions,
                     KeptFragments fragments) {
        this.published = published;
        this.fragments = fragments;
        this.search = search;
        this.questions = questions;
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String topic,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String genre,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String department,
                  @RequestParam(required = false) @Min(MIN_YEAR) @Max(MAX_YEAR) Integer year,
                  @RequestParam(required = false) Validity validity,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String sort, Model model,
                  jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        String query = q.length() > PublicSearch.MAX_QUERY_LENGTH ? q.substring(0, PublicSearch.MAX_QUERY_LENGTH) : q.strip();
        ItemFilter filter = new ItemFilter(List.of(), blankToNull(topic), blankToNull(genre), blankToNull(department), year, validity);
        PublicSearch.Order order = "date".equals(sort) ? PublicSearch.Order.DATE : PublicSearch.Order.RELEVANCE;
        model.addAttribute("q", query);
        model.addAttribute("sort", order == PublicSearch.Order.DATE ? "date" : "relevance");
        model.addAttribute("filter", filter);
        model.addAttribute("filterChoices", fragments.filterChoices(filter, published.facets(), request, response));
        // the box of matching Q&A belongs to the first page of results, as the best matches do
        model.addAttribute("questionHits", query.isBlank() || page > 1 ? List.of() : questions.published(null, query, 5));
        try {
            model.addAttribute("results", query.isBlank() ? null : bounded(query, filter, order, Math.min(Math.max(page, 1), 1000)));
        } catch (org.springframework.dao.DataAccessException e) {
            if (!PublicSearch.isSearchTimeout(e)) {
                throw e;
            }
            model.addAttribute("results", null);
            model.addAttribute("timedOut", true);
        }
        return "portal/search";
    }

    private PublicViews.Page<PublicViews.SearchHit> bounded(String query, ItemFilter filter, PublicSearch.Order order, int page) {
        try {
            return search.search(query, filter, order, page, PAGE_SIZE);
        } catch (PublicSearch.Busy e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "search busy");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
