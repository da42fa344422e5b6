package org.gongkai.interaction.web.admin;

import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.interaction.QuestionTopic;
import org.gongkai.interaction.Questions;
import org.gongkai.interaction.Questions.PassCommand;
import org.gongkai.interaction.Ratings;
import org.gongkai.support.RuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console side of 政民互动 (assign, answer, review, FAQ) and the ratings statistics. */
@Controller
class QuestionAdminController {

    private final Questions questions;
    private final Ratings ratings;
    private final IdentityManagement identity;

    QuestionAdminController(Questions questions, Ratings ratings, IdentityManagement identity) {
        this.questions = questions;
        this.ratings = ratings;
        this.identity = identity;
    }

    @GetMapping("/admin/questions")
    String list(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("open", questions.openQuestions(me));
        model.addAttribute("replied", questions.repliedQuestions(me));
        return "admin/interaction/questions";
    }

    @GetMapping("/admin/questions/{id}")
    String detail(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("q", questions.question(id, me));
        model.addAttribute("departments", identity.departmentViews().stream().filter(IdentityManagement.DepartmentView::active).toList());
        model.addAttribute("topics", QuestionTopic.values());
        return "admin/interaction/question";
    }

    @PostMapping("/admin/questions/{id}/assign")
    String assign(@PathVariable long id, @RequestParam long version, @RequestParam(required = false) Long departmentId,
                  RedirectAttributes flash) {
        return step(id, flash, "question.assigned", () -> {
            if (departmentId == null) {
                throw new RuleViolation("departmentId", "question.error.department");
            }
            questions.assign(id, version, departmentId);
        });
    }

    @PostMapping("/admin/questions/{id}/answer")
    String answer(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String answer,
                  @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        flash.addFlashAttribute("draftAnswer", answer);
        return step(id, flash, "question.answered", () -> questions.answer(id, version, answer, me));
    }

    @PostMapping("/admin/questions/{id}/pass")
    String pass(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String publicTitle,
                @RequestParam(defaultValue = "") String publicBody, @RequestParam(defaultValue = "") String publicAnswer,
                @RequestParam(defaultValue = "false") boolean confirmed, @AuthenticationPrincipal StaffPrincipal me,
                RedirectAttributes flash) {
        return step(id, flash, "question.passed",
                () -> questions.pass(id, version, new PassCommand(publicTitle, publicBody, publicAnswer, confirmed), me));
    }

    @PostMapping("/admin/questions/{id}/return")
    String returnAnswer(@PathVariable long id, @RequestParam long version, @RequestParam(defaultValue = "") String reason,
                        @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        return step(id, flash, "question.returned", () -> questions.returnAnswer(id, version, reason, me));
    }

    @PostMapping("/admin/questions/{id}/unpublish")
    String unpublish(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        return step(id, flash, "question.unpublished", () -> questions.unpublish(id, version));
    }

    /** Runs one handling step; a refused step comes back as an alert on the question page. */
    private String step(long id, RedirectAttributes flash, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/questions/" + id;
    }

    // ---- FAQ ---------------------------------------------------------------------------------------------------

    @GetMapping("/admin/questions/faq")
    String faq(@RequestParam(required = false) Long from, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("entries", questions.faq());
        model.addAttribute("repeated", questions.repeatedQuestions());
        model.addAttribute("topics", QuestionTopic.values());
        if (from != null) {
            var source = questions.question(from, me);
            model.addAttribute("source", source);
        }
        return "admin/interaction/faq";
    }

    @PostMapping("/admin/questions/faq")
    String addFaq(@RequestParam(required = false) QuestionTopic topic, @RequestParam(defaultValue = "") String question,
                  @RequestParam(defaultValue = "") String answer, @RequestParam(required = false) Long sourceQuestionId,
                  RedirectAttributes flash) {
        try {
            questions.addFaq(topic, question, answer, sourceQuestionId);
            flash.addFlashAttribute("notice", "faq.added");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/questions/faq";
    }

    @PostMapping("/admin/questions/faq/{id}/remove")
    String removeFaq(@PathVariable long id, @RequestParam long version, RedirectAttributes flash) {
        questions.removeFaq(id, version);
        flash.addFlashAttribute("notice", "faq.removed");
        return "redirect:/admin/questions/faq";
    }

    // ---- ratings -----------------------------------------------------------------------------------------------

    @GetMapping("/admin/ratings")
    String ratings(@RequestParam(defaultValue = "") String column, @RequestParam(defaultValue = "") String department,
                   @RequestParam(defaultValue = "12") int months, Model model) {
        model.addAttribute("stats", ratings.statistics(column.length() > 100 ? "" : column,
                department.length() > 100 ? "" : department, months));
        return "admin/interaction/ratings";
    }
}
