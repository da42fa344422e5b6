package org.gongkai.portal.web;

import static org.gongkai.portal.web.PublicParameters.MAX_FILTER;
import static org.gongkai.portal.web.PublicParameters.MAX_YEAR;
import static org.gongkai.portal.web.PublicParameters.MIN_YEAR;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.content.CatalogueNode;
import org.gongkai.content.ContentManagement;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicViews.ItemFilter;
import org.gongkai.publication.PublishedItems;
import org.gongkai.publication.Validity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The 信息公开目录: the tree, and a column's published items (with its sub-columns) with filters and pages. */
@Controller
class CatalogueController {

    static final int PAGE_SIZE = 20;

    private final ContentManagement content;
    private final PublishedItems published;

    CatalogueController(ContentManagement content, PublishedItems published) {
        this.content = content;
        this.published = published;
    }

    /** A column with its children, for the tree. */
    record Branch(CatalogueNode node, List<CatalogueNode> children) {
    }

    @GetMapping("/catalogue")
    String tree(Model model) {
        List<CatalogueNode> all = content.publicCatalogue();
        List<Branch> tree = new ArrayList<>();
        for (CatalogueNode root : all.stream().filter(n -> n.getParentId() == null).toList()) {
            tree.add(new Branch(root, all.stream().filter(n -> root.getId().equals(n.getParentId())).toList()));
        }
        model.addAttribute("tree", tree);
        return "portal/catalogue";
    }

    @GetMapping("/catalogue/{code}")
    String column(@PathVariable String code, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String topic,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String genre,
                  @RequestParam(required = false) @Size(max = MAX_FILTER) String department,
                  @RequestParam(required = false) @Min(MIN_YEAR) @Max(MAX_YEAR) Integer year,
                  @RequestParam(required = false) Validity validity, Model model) {
        CatalogueNode node = content.publicNode(code).orElseThrow(NotFoundException::new);
        List<CatalogueNode> all = content.publicCatalogue();
        CatalogueNode parent = node.getParentId() == null ? null
                : all.stream().filter(n -> n.getId().equals(node.getParentId())).findFirst().orElse(null);
        ItemFilter filter = new ItemFilter(content.publicCodesUnder(code), blank(topic), blank(genre), blank(department), year, validity);
        model.addAttribute("node", node);
        model.addAttribute("parent", parent);
        model.addAttribute("children", all.stream().filter(n -> node.getId().equals(n.getParentId())).toList());
        model.addAttribute("filter", filter);
        model.addAttribute("facets", published.facets());
        model.addAttribute("items", published.list(filter, Math.max(1, Math.min(page, 10_000)), PAGE_SIZE));
        return "portal/column";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
