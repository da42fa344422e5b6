package org.gongkai.workflow.web.admin;

import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.workflow.WorkflowRefused;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refused workflow action answers 409 (someone acted first) or 403 (not allowed), with the reason, and changes nothing. */
@ControllerAdvice(basePackages = "org.gongkai.workflow")
class WorkflowErrors {

    @ExceptionHandler(WorkflowRefused.class)
    String refused(WorkflowRefused refused, HttpServletResponse response, Model model) {
        response.setStatus(refused.conflict() ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("reason", refused.messageKey());
        return "admin/workflow/refused";
    }
}
