package org.gongkai.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class ConsoleHomeController {

    @GetMapping("/admin")
    String home() {
        return "admin/home";
    }
}
