package org.gongkai.portal.web;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.gongkai.infrastructure.DownloadTypes;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicStatus;
import org.gongkai.publication.PublicViews.PublicItem;
import org.gongkai.publication.PublicViews.PublishedFile;
import org.gongkai.publication.PublishedItems;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public item page and its attachments; unknown and never-published ids answer the same 404, unpublished 410. */
@Controller
class ItemController {

    /** Shown in the browser; everything else is downloaded. HTML and SVG are never served inline. */
    private static final Set<String> INLINE_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

    private final PublishedItems published;
    private final org.gongkai.interaction.Questions questions;

    ItemController(PublishedItems published, org.gongkai.interaction.Questions questions) {
        this.published = published;
        this.questions = questions;
    }

    @GetMapping("/items/{id}")
    String item(@PathVariable String id, Model model, jakarta.servlet.http.HttpServletRequest request,
                HttpServletResponse response) {
        String view = page(id, false, model, response);
        if (model.getAttribute("item") instanceof PublicItem item) {
            // the page cache may keep this page in the database for every node (PageStore), valid for this version
            request.setAttribute(org.gongkai.portal.PageStore.RENDERED_FROM_VERSION, item.pageVersion());
        }
        return view;
    }

    /** The print view: the same page styled by print.css on screen, for printing without JavaScript (the 打印 link). */
    @GetMapping("/items/{id}/print")
    String print(@PathVariable String id, Model model, HttpServletResponse response) {
        return page(id, true, model, response);
    }

    private String page(String id, boolean printView, Model model, HttpServletResponse response) {
        PublicItem item = published.find(id).orElse(null);
        if (item == null) {
            if (published.status(id) == PublicStatus.UNPUBLISHED) {
                response.setStatus(HttpStatus.GONE.value());
                return "error/410";
            }
            throw new NotFoundException();
        }
        model.addAttribute("item", item);
        model.addAttribute("s", item.summary());
        model.addAttribute("tables", org.gongkai.tables.PublishedTables.read(item.maskedTablesJson()));
        model.addAttribute("printView", printView);
        model.addAttribute("relatedQuestions", questions.relatedTo(id));
        return "portal/item";
    }

    @GetMapping({"/items/{id}/attachments/{number}", "/items/{id}/attachments/{number}/{filename}"})
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable int number) {
        PublishedFile file = published.attachment(id, number).orElseThrow(NotFoundException::new);
        boolean inline = INLINE_TYPES.contains(file.mediaType());
        MediaType type = inline ? MediaType.parseMediaType(file.mediaType()) : DownloadTypes.of(file.mediaType());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(file.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(file.content());
    }
}
