package org.gongkai.portal.web;

import static org.gongkai.portal.web.PublicParameters.MAX_FILTER;
import static org.gongkai.portal.web.PublicParameters.MAX_YEAR;
import static org.gongkai.portal.web.PublicParameters.MIN_YEAR;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.publication.PublicViews;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublishedItems;
import org.gongkai.publication.Validity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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
    /**
     * Searches that run at once; the others wait their turn (first come, first served) without holding a database
     * connection. On two cores, 32 searches at once got through half as many per second as 8 did (issue 6).
     */
    private final Semaphore running;
    private final long waitMillis;
    /** For the operator: searches cancelled by their statement timeout, and searches turned away (503) while busy. */
    private final Counter timeouts;
    private final Counter turnedAway;

    SearchController(PublishedItems published, org.gongkai.interaction.Questions questions,
                     @Value("${gongkai.search.concurrency:#{T(java.lang.Runtime).getRuntime().availableProcessors() * 2}}") int concurrency,
                     @Value("${gongkai.search.max-wait-millis:5000}") long waitMillis,
                     ObjectProvider<MeterRegistry> meters) {
        this.published = published;
        this.questions = questions;
        this.running = new Semaphore(Math.max(1, concurrency), true);
        this.waitMillis = waitMillis;
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.timeouts = Counter.builder("gongkai.search.timeouts")
                .description("public searches cancelled by their statement timeout").register(registry);
        this.turnedAway = Counter.builder("gongkai.search.rejected")
                .description("public searches answered 503 because too many were waiting").register(registry);
    }

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String topic,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String genre,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String department,
                  @RequestParam(required = false) @Min(MIN_YEAR) @Max(MAX_YEAR) Integer year,
                  @RequestParam(required = false) Validity validity, Model model) {
        String query = q.length() > PublishedItems.MAX_QUERY_LENGTH ? q.substring(0, PublishedItems.MAX_QUERY_LENGTH) : q.strip();
        ItemFilter filter = new ItemFilter(List.of(), blankToNull(topic), blankToNull(genre), blankToNull(department), year, validity);
        model.addAttribute("q", query);
        model.addAttribute("filter", filter);
        model.addAttribute("facets", published.facets());
        model.addAttribute("questionHits", query.isBlank() ? List.of() : questions.published(null, query, 5));
        try {
            model.addAttribute("results", query.isBlank() ? null : bounded(query, filter, Math.min(Math.max(page, 1), 1000)));
        } catch (org.springframework.dao.DataAccessException e) {
            if (!PublishedItems.isSearchTimeout(e)) {
                throw e;
            }
            timeouts.increment();
            model.addAttribute("results", null);
            model.addAttribute("timedOut", true);
        }
        return "portal/search";
    }

    private PublicViews.Page<PublicViews.SearchHit> bounded(String query, ItemFilter filter, int page) {
        boolean admitted = false;
        try {
            admitted = running.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
            if (!admitted) {
                turnedAway.increment();
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "search busy");
            }
            return published.search(query, filter, page, PAGE_SIZE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "search interrupted");
        } finally {
            if (admitted) {
                running.release();
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
