package org.gongkai.consultation.web;

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
import org.gongkai.consultation.Consultations;
import org.gongkai.consultation.Consultations.PublicConsultation;
import org.gongkai.consultation.Consultations.PublicSummary;
import org.gongkai.consultation.Consultations.Receipt;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * 意见征集 on the public site: the list, a consultation's page with its comment form while open, the receipt, and an Atom
 * feed of open consultations. Pages read published snapshots only; comments are never shown.
 */
@Controller
class ConsultationPortalController {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final Consultations consultations;
    private final String baseUrl;
    private final String siteName;

    ConsultationPortalController(Consultations consultations, @Value("${gongkai.base-url}") String baseUrl,
                                 @Value("${gongkai.site-name}") String siteName) {
        this.consultations = consultations;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.siteName = siteName;
    }

    @GetMapping("/consultations")
    String list(Model model) {
        model.addAttribute("consultations", consultations.publicList());
        return "portal/consultations/list";
    }

    @GetMapping("/consultations/{id}")
    String page(@PathVariable String id, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("form", CommentForm.empty());
        return render(id, model, request, response);
    }

    @PostMapping("/consultations/{id}/comments")
    String comment(@PathVariable String id, @ModelAttribute("form") CommentForm form, BindingResult errors, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        PublicConsultation c = consultations.publicView(id).orElseThrow(NotFoundException::new);
        for (RuleViolation v : Consultations.check(form.toInput(), c.nameRequired())) {
            errors.rejectValue(v.field(), v.messageKey());
        }
        if (errors.hasErrors()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(id, model, request, response);
        }
        try {
            // rendered from the POST, not redirected: the receipt number is shown once and never rests in a session
            Receipt receipt = consultations.comment(id, form.toInput(), request.getRemoteAddr());
            model.addAttribute("receipt", receipt);
            model.addAttribute("consultationId", id);
            return "portal/consultations/received";
        } catch (Consultations.TooManyComments e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            errors.reject("consultation.error.tooMany");
            return render(id, model, request, response);
        } catch (RuleViolation v) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            if (v.field() == null) {
                errors.reject(v.messageKey());
            } else {
                errors.rejectValue(v.field(), v.messageKey());
            }
            return render(id, model, request, response);
        }
    }

    @GetMapping("/consultations/feed.atom")
    ResponseEntity<String> feed() throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(siteName + " · 意见征集（征集中）");
        feed.setLink(baseUrl + "/consultations");
        feed.setUri(baseUrl + "/consultations/feed.atom");
        feed.setLanguage("zh-CN");
        List<PublicSummary> open = consultations.open();
        feed.setPublishedDate(Date.from(open.stream().map(PublicSummary::publishedAt).max(Instant::compareTo).orElse(Instant.EPOCH)));
        List<SyndEntry> entries = new ArrayList<>();
        for (PublicSummary s : open) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(s.title());
            entry.setLink(baseUrl + "/consultations/" + s.id());
            entry.setUri(baseUrl + "/consultations/" + s.id());
            entry.setPublishedDate(Date.from(s.publishedAt()));
            entry.setUpdatedDate(Date.from(s.publishedAt()));
            entry.setAuthor(s.departmentName());
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue("征求意见时间：" + s.opensOn() + " 至 " + s.closesOn());
            entry.setDescription(summary);
            entries.add(entry);
        }
        feed.setEntries(entries);
        return ResponseEntity.ok().contentType(ATOM).body(new SyndFeedOutput().outputString(feed));
    }

    private String render(String id, Model model, HttpServletRequest request, HttpServletResponse response) {
        PublicConsultation c = consultations.publicView(id).orElse(null);
        if (c == null) {
            if (consultations.unpublished(id)) {
                response.setStatus(HttpStatus.GONE.value());
                return "error/410";
            }
            throw new NotFoundException();
        }
        if (c.open()) {
            // the comment form comes after a long body: make the CSRF token (and its session) before the response is committed
            Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                csrf.getToken();
            }
        }
        model.addAttribute("c", c);
        model.addAttribute("s", c.item().summary());
        model.addAttribute("minimumDays", consultations.minimumDays());
        return "portal/consultations/page";
    }
}
