package org.gongkai.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.gongkai.identity.internal.SignInFlow;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    private final SignInFlow signIn;

    LoginController(SignInFlow signIn) {
        this.signIn = signIn;
    }

    /** The login page; a sign-in waiting at a later step (second factor, new password) is sent back to that step. */
    @GetMapping("/login")
    String login(HttpServletRequest request) {
        if (request.getQueryString() == null && signIn.pending(request).isPresent()) {
            return "redirect:/login/next";
        }
        return "login";
    }
}
