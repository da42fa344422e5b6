package org.gongkai.portal.web;

import org.gongkai.content.ContentManagement;
import org.gongkai.publication.PublishedItems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: emergency notices first, the latest items, the catalogue's entry points and the search box. */
@Controller
class HomeController {

    private final PublishedItems published;
    private final ContentManagement content;

    HomeController(PublishedItems published, ContentManagement content) {
        this.published = published;
        this.content = content;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("emergencies", published.emergencies(3));
        model.addAttribute("latest", published.latest(12));
        model.addAttribute("columns", content.publicCatalogue().stream().filter(n -> n.getParentId() == null).toList());
        return "portal/home";
    }
}
