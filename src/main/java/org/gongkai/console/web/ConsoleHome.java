package org.gongkai.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console start page; features add their panels to its model through advice scoped to this controller. */
@Controller
public class ConsoleHome {

    @GetMapping("/admin")
    String home() {
        return "admin/home";
    }
}
