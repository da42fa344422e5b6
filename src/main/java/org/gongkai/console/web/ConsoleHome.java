package org.gongkai.console.web;

import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console start page; features add their panels to its model through advice scoped to this controller (hence the named
 * interface: other modules name this class in {@code @ControllerAdvice(assignableTypes = …)}).
 */
@Controller
@NamedInterface("start-page")
public class ConsoleHome {

    @GetMapping("/admin")
    String home() {
        return "admin/home";
    }
}
