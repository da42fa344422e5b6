package org.gongkai.interaction.web.admin;

import java.util.List;

import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.interaction.Questions;
import org.gongkai.interaction.Questions.QuestionView;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** On the console start page, the questions past their working-day limit: all of them for the office, a clerk's own department's. */
@ControllerAdvice(assignableTypes = org.gongkai.console.web.ConsoleHome.class)
class QuestionStartPanel {

    private final Questions questions;

    QuestionStartPanel(Questions questions) {
        this.questions = questions;
    }

    @ModelAttribute("overdueQuestions")
    List<QuestionView> overdueQuestions(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal me)
                || !(me.has(Role.REVIEWER) || me.has(Role.APPROVER) || me.has(Role.CLERK))) {
            return null;
        }
        return questions.overdueQuestions(me);
    }
}
