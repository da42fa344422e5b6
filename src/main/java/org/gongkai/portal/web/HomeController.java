package org.gongkai.portal.web;

import org.gongkai.content.CatalogueColumns;
import org.gongkai.publication.PublishedItems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: emergency notices first, the latest items, the catalogue's entry points and the search box. */
@Controller
class HomeController {

    private final PublishedItems published;
    private final CatalogueColumns catalogue;

    HomeController(PublishedItems published, CatalogueColumns catalogue) {
        this.published = published;
        this.catalogue = catalogue;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("emergencies", published.emergencies(3));
        model.addAttribute("latest", published.latest(12));
        model.addAttribute("columns", catalogue.topColumns());
        return "portal/home";
    }
}
