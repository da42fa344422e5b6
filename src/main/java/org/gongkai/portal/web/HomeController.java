package org.gongkai.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
    private final KeptFragments fragments;

    HomeController(PublishedItems published, CatalogueColumns catalogue, KeptFragments fragments) {
        this.published = published;
        this.catalogue = catalogue;
        this.fragments = fragments;
    }

    @GetMapping("/")
    String home(Model model, HttpServletRequest request, HttpServletResponse response) {
        var emergencies = published.emergencies(3);
        var latest = published.latest(12);
        model.addAttribute("emergencies", fragments.itemList(emergencies, request, response));
        model.addAttribute("hasEmergencies", !emergencies.isEmpty());
        model.addAttribute("latest", fragments.itemList(latest, request, response));
        model.addAttribute("hasLatest", !latest.isEmpty());
        model.addAttribute("columns", catalogue.topColumns());
        return "portal/home";
    }
}
