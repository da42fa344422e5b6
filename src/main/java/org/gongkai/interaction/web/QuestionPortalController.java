package org.gongkai.interaction.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.interaction.QuestionTopic;
import org.gongkai.interaction.Questions;
import org.gongkai.interaction.Questions.PublicQuestion;
import org.gongkai.interaction.internal.InteractionThrottle;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 政民互动 on the public site: the published Q&A by topic with a search, one Q&A, the question form, tracking and the feed. */
@Controller
class QuestionPortalController {

    /** Questions per address and hour. */
    static final int QUESTIONS_PER_HOUR = 3;
    /** Tracking attempts per address in ten minutes. */
    static final int TRACKING_ATTEMPTS = 10;
    static final int LIST_SIZE = 50;
    static final int FEED_SIZE = 30;
    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final Questions questions;
    private final org.gongkai.publication.PublishedItems items;
    private final InteractionThrottle throttle;
    private final String baseUrl;
    private final String siteName;

    QuestionPortalController(Questions questions, org.gongkai.publication.PublishedItems items, InteractionThrottle throttle, @Value("${gongkai.base-url}") String baseUrl,
                             @Value("${gongkai.site-name}") String siteName) {
        this.questions = questions;
        this.items = items;
        this.throttle = throttle;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.siteName = siteName;
    }

    @GetMapping("/questions")
    String list(@RequestParam(required = false) QuestionTopic topic, @RequestParam(defaultValue = "") @Size(max = 40) String q,
                Model model) {
        String phrase = q.strip();
        model.addAttribute("topic", topic);
        model.addAttribute("q", phrase);
        model.addAttribute("topics", QuestionTopic.values());
        model.addAttribute("counts", questions.publishedCounts());
        model.addAttribute("results", questions.published(topic, phrase, LIST_SIZE));
        model.addAttribute("faq", topic == null && phrase.isEmpty() ? questions.faq()
                : questions.faq().stream().filter(f -> topic == null || f.topic() == topic)
                        .filter(f -> phrase.isEmpty() || f.question().contains(phrase) || f.answer().contains(phrase)).toList());
        return "portal/questions/list";
    }

    @GetMapping("/questions/{id}")
    String show(@PathVariable long id, Model model) {
        PublicQuestion question = questions.published(id).orElseThrow(NotFoundException::new);
        model.addAttribute("question", question);
        model.addAttribute("relatedItem", question.relatedDocument() == null ? null
                : items.find(question.relatedDocument()).map(i -> i.summary()).orElse(null));
        return "portal/questions/show";
    }

    @GetMapping("/questions/new")
    String newForm(@RequestParam(defaultValue = "") @Size(max = 40) String related, Model model) {
        model.addAttribute("form", QuestionForm.empty(related.matches("[a-z0-9]{8,40}") ? related : ""));
        return form(model);
    }

    @PostMapping("/questions/new")
    String ask(@Valid @ModelAttribute("form") QuestionForm form, BindingResult errors, Model model, HttpServletRequest request,
               HttpServletResponse response) {
        if (form.robot()) {
            response.setStatus(400);
            model.addAttribute("refused", true);
            return form(model);
        }
        if (errors.hasErrors()) {
            return form(model);
        }
        if (!throttle.allow("ask", request.getRemoteAddr(), QUESTIONS_PER_HOUR, Duration.ofHours(1))) {
            response.setStatus(429);
            model.addAttribute("tooMany", true);
            return form(model);
        }
        try {
            // rendered from the POST, not redirected: the query code must not rest in a session
            model.addAttribute("receipt", questions.ask(form.toCommand()));
            return "portal/questions/submitted";
        } catch (RuleViolation v) {
            errors.rejectValue(v.field(), v.messageKey());
            return form(model);
        }
    }

    private String form(Model model) {
        model.addAttribute("topics", QuestionTopic.values());
        model.addAttribute("answerDays", questions.answerDays());
        return "portal/questions/new";
    }

    @GetMapping("/questions/track")
    String trackForm() {
        return "portal/questions/track";
    }

    @PostMapping("/questions/track")
    String track(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String code, Model model,
                 HttpServletRequest request, HttpServletResponse response) {
        if (!throttle.allow("track", request.getRemoteAddr(), TRACKING_ATTEMPTS, Duration.ofMinutes(10))) {
            response.setStatus(429);
            model.addAttribute("limited", true);
            return "portal/questions/track";
        }
        var found = questions.track(number.length() > 30 ? "" : number, code.length() > 30 ? "" : code);
        if (found.isEmpty()) {
            model.addAttribute("notFound", true);
            return "portal/questions/track";
        }
        model.addAttribute("tracking", found.get());
        return "portal/questions/status";
    }

    /** New published answers, newest first. */
    @GetMapping("/questions/feed.atom")
    ResponseEntity<String> feed() throws FeedException {
        List<PublicQuestion> latest = questions.published(null, null, FEED_SIZE);
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(siteName + " 政民互动");
        feed.setLink(baseUrl + "/questions");
        feed.setUri(baseUrl + "/questions/feed.atom");
        feed.setLanguage("zh-CN");
        feed.setPublishedDate(Date.from(latest.stream().map(PublicQuestion::repliedAt).max(Instant::compareTo).orElse(Instant.EPOCH)));
        List<SyndEntry> entries = new ArrayList<>();
        for (PublicQuestion q : latest) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(q.title());
            entry.setLink(baseUrl + "/questions/" + q.id());
            entry.setUri(baseUrl + "/questions/" + q.id());
            entry.setPublishedDate(Date.from(q.repliedAt()));
            entry.setUpdatedDate(Date.from(q.repliedAt()));
            entry.setAuthor(q.departmentName());
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(q.answer().length() > 200 ? q.answer().substring(0, 200) + "…" : q.answer());
            entry.setDescription(summary);
            entries.add(entry);
        }
        feed.setEntries(entries);
        return ResponseEntity.ok().contentType(ATOM).body(new SyndFeedOutput().outputString(feed));
    }
}
