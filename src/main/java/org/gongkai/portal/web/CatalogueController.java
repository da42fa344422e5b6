package org.gongkai.portal.web;

import static org.gongkai.portal.web.PublicParameters.MAX_FILTER;
import static org.gongkai.portal.web.PublicParameters.MAX_YEAR;
import static org.gongkai.portal.web.PublicParameters.MIN_YEAR;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.gongkai.content.CatalogueColumns;
import org.gongkai.content.CatalogueColumns.CatalogueColumn;
import org.gongkai.content.PublicCatalogue;
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

    private final PublicCatalogue publicCatalogue;
    private final PublishedItems published;
    private final org.gongkai.content.ColumnCadence cadence;
    private final CatalogueColumns catalogue;
    private final KeptFragments fragments;

    CatalogueController(PublicCatalogue publicCatalogue, PublishedItems published, org.gongkai.content.ColumnCadence cadence,
                        CatalogueColumns catalogue, KeptFragments fragments) {
        this.publicCatalogue = publicCatalogue;
        this.fragments = fragments;
        this.catalogue = catalogue;
        this.published = published;
        this.cadence = cadence;
    }

    /** A column with its children, for the tree. */
    record Branch(CatalogueColumn node, List<CatalogueColumn> children) {
    }

    @GetMapping("/catalogue")
    String tree(Model model) {
        List<CatalogueColumn> all = catalogue.columns();
        List<Branch> tree = new ArrayList<>();
        for (CatalogueColumn root : all.stream().filter(n -> n.parentCode() == null).toList()) {
            tree.add(new Branch(root, all.stream().filter(n -> root.code().equals(n.parentCode())).toList()));
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
                  @RequestParam(required = false) Validity validity, Model model,
                  jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        List<CatalogueColumn> all = catalogue.columns();
        CatalogueColumn node = all.stream().filter(n -> n.code().equals(code)).findFirst().orElseThrow(NotFoundException::new);
        CatalogueColumn parent = node.parentCode() == null ? null
                : all.stream().filter(n -> n.code().equals(node.parentCode())).findFirst().orElse(null);
        ItemFilter filter = new ItemFilter(publicCatalogue.codesUnder(code), blank(topic), blank(genre), blank(department), year, validity);
        model.addAttribute("node", node);
        model.addAttribute("columnHead", fragments.columnHead(node, parent,
                all.stream().filter(n -> node.code().equals(n.parentCode())).toList(), request, response));
        model.addAttribute("filter", filter);
        var items = published.list(filter, Math.max(1, Math.min(page, 10_000)), PAGE_SIZE);
        model.addAttribute("items", items);
        // the filter form and the list, with the column's head the most of the page's template, as kept for the same values
        // (KeptFragments)
        model.addAttribute("columnFilters", fragments.columnFilters(code, filter, published.facets(), request, response));
        model.addAttribute("itemList", fragments.itemList(items.items(), request, response));
        // 本栏目暂无此类信息: a column the office left empty on purpose says why (read only for an empty column)
        model.addAttribute("emptyNote", items.total() == 0 ? cadence.emptyNote(code).orElse(null) : null);
        if (!items.items().isEmpty()) {
            // a page that lists items may be kept for every node (PageStore); one that lists none (a filter value that
            // matches nothing, a page past the end) is rendered each time, so that made-up addresses fill no table
            request.setAttribute(org.gongkai.portal.PageStore.LISTING_WORTH_STORING, Boolean.TRUE);
        }
        return "portal/column";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
