package org.gongkai.interaction.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.interaction.RatingScore;
import org.gongkai.interaction.Ratings;
import org.gongkai.interaction.Ratings.Outcome;
import org.gongkai.interaction.Ratings.TargetKind;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 满意度评价. Item pages are cached and so carry no CSRF token: their three buttons open this page with the choice made (a
 * GET form), where the reader may add a comment and confirms. Answer pages post here directly.
 */
@Controller
class RatingController {

    private final Ratings ratings;

    RatingController(Ratings ratings) {
        this.ratings = ratings;
    }

    @GetMapping("/ratings")
    String form(@RequestParam(required = false) TargetKind kind, @RequestParam(defaultValue = "") @Size(max = 40) String target,
                @RequestParam(required = false) RatingScore score, Model model) {
        var found = ratings.target(kind, target).orElseThrow(NotFoundException::new);
        model.addAttribute("target", found);
        model.addAttribute("score", score);
        model.addAttribute("scores", RatingScore.values());
        return "portal/questions/rate";
    }

    @PostMapping("/ratings")
    String rate(@RequestParam(required = false) TargetKind kind, @RequestParam(defaultValue = "") String target,
                @RequestParam(required = false) RatingScore score, @RequestParam(defaultValue = "") String comment,
                @RequestParam(defaultValue = "") String website, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        var found = ratings.target(kind, target.length() > 40 ? "" : target).orElse(null);
        if (found == null) {
            throw new NotFoundException();
        }
        model.addAttribute("target", found);
        model.addAttribute("scores", RatingScore.values());
        model.addAttribute("score", score);
        model.addAttribute("comment", comment);
        model.addAttribute("periodDays", Math.max(1, ratings.period().toDays()));
        if (!website.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("outcome", "REFUSED");
            return "portal/questions/rate";
        }
        if (score == null) {
            response.setStatus(400);
            model.addAttribute("missingScore", true);
            return "portal/questions/rate";
        }
        if (comment.length() > Ratings.COMMENT_MAX) {
            response.setStatus(400);
            model.addAttribute("commentTooLong", true);
            return "portal/questions/rate";
        }
        Outcome outcome = ratings.rate(kind, target, score, comment, request.getRemoteAddr());
        if (outcome == Outcome.TOO_MANY) {
            response.setStatus(429);
        }
        model.addAttribute("outcome", outcome.name());
        return "portal/questions/rate";
    }
}
