package org.gongkai.workflow.web.admin;

import java.time.LocalDate;

import org.gongkai.content.ContentManagement;
import org.gongkai.content.EditionView;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.publication.Validity;
import org.gongkai.support.RuleViolation;
import org.gongkai.workflow.EditionWorkflow;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The edition page of the console: the edition, where it stands in the workflow, and the actions the viewer may take. */
@Controller
class EditionController {

    private final ContentManagement content;
    private final org.gongkai.content.Attachments attachments;
    private final EditionWorkflow workflow;
    private final org.gongkai.tables.TableManagement tables;

    private final org.gongkai.workflow.TextCheckGate textChecks;

    EditionController(ContentManagement content, org.gongkai.content.Attachments attachments, EditionWorkflow workflow,
                      org.gongkai.tables.TableManagement tables, org.gongkai.workflow.TextCheckGate textChecks) {
        this.textChecks = textChecks;
        this.tables = tables;
        this.content = content;
        this.attachments = attachments;
        this.workflow = workflow;
    }

    @GetMapping("/admin/documents/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        EditionView edition = content.viewFor(id, me);
        model.addAttribute("e", edition);
        model.addAttribute("facts", workflow.facts(id));
        model.addAttribute("reviews", workflow.reviews(id));
        model.addAttribute("actions", workflow.allowedActions(id, me));
        model.addAttribute("textFlags", textChecks.flags(id));
        model.addAttribute("history", content.editionsOf(edition.documentId()));
        model.addAttribute("attachments", attachments.list(id));
        boolean canUpload = edition.editable() && me.has(org.gongkai.identity.Role.CLERK) && me.departmentId() == edition.departmentId();
        model.addAttribute("canUpload", canUpload);
        model.addAttribute("editionTables", tables.ofEdition(me, id));
        model.addAttribute("attachableTables", canUpload ? tables.tables(me).stream()
                .filter(t -> "STANDALONE".equals(t.ownerType()) && t.departmentId() == me.departmentId()).toList() : java.util.List.of());
        model.addAttribute("validities", new Validity[] {Validity.REPEALED, Validity.EXPIRED});
        if (!model.containsAttribute("withdrawal")) {
            model.addAttribute("withdrawal", new WithdrawalForm(null, "", "", ""));
            model.addAttribute("withdrawalErrors", java.util.Map.of());
        }
        return "admin/workflow/edition";
    }

    /** The draft as the public will see it, with the public item template; only for those who may see the draft. */
    @GetMapping("/admin/documents/{id}/preview")
    String preview(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        EditionView e = content.viewFor(id, me);
        java.time.Instant now = java.time.Instant.now();
        var summary = new org.gongkai.publication.PublicViews.ItemSummary(e.publicId(), "（发布时生成）", e.title(), e.summary(),
                e.documentNumber(), e.writtenOn(), now, now, e.departmentName(), e.catalogueCode(), e.catalogueName(), e.topic(),
                e.genre(), org.gongkai.publication.Validity.VALID, org.gongkai.publication.PublicStatus.LIVE, e.emergency());
        var attachmentRefs = new java.util.ArrayList<org.gongkai.publication.PublicViews.AttachmentRef>();
        for (var a : attachments.list(id)) {
            attachmentRefs.add(new org.gongkai.publication.PublicViews.AttachmentRef(a.position(), a.filename(), a.mediaType(), a.size()));
        }
        var item = new org.gongkai.publication.PublicViews.PublicItem(summary, e.number(), e.keywords(), e.audience(),
                e.disclosureAttribute(), e.bodyHtml(), attachmentRefs, java.util.List.of(), java.util.List.of(), "[]", null, null, 0);
        model.addAttribute("item", item);
        model.addAttribute("s", summary);
        model.addAttribute("tables", java.util.List.of());
        model.addAttribute("preview", true);
        return "portal/item";
    }

    @PostMapping("/admin/documents/{id}/submit")
    String submit(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        return act(id, flash, "workflow.submitted", () -> workflow.submit(id, me));
    }

    @PostMapping("/admin/documents/{id}/discard")
    String discard(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        workflow.discard(id, me);
        flash.addFlashAttribute("notice", "workflow.discarded");
        return "redirect:/admin/documents";
    }

    @PostMapping("/admin/documents/{id}/new-edition")
    String newEdition(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        EditionView current = content.viewFor(id, me);
        try {
            EditionView next = content.newEditionFromPublished(current.documentId(), me);
            flash.addFlashAttribute("notice", "workflow.newEdition");
            return "redirect:/admin/documents/" + next.editionId() + "/edit";
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
            return "redirect:/admin/documents/" + id;
        }
    }

    @PostMapping("/admin/documents/{id}/tables")
    String attachTable(@PathVariable long id, @RequestParam(required = false) Long tableId,
                       @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        EditionView edition = content.viewFor(id, me);
        try {
            if (tableId == null || !edition.editable()) {
                throw new RuleViolation("tableId", "tables.error.attach");
            }
            tables.attachToEdition(me, tableId, id, edition.departmentId());
            flash.addFlashAttribute("notice", "workflow.tableAttached");
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/documents/" + id;
    }

    @PostMapping("/admin/documents/{id}/force-publish")
    String forcePublish(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                        @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        return act(id, flash, "workflow.forcePublished", () -> workflow.forcePublish(id, reason, me));
    }

    /** What was typed into the withdrawal form, shown again with the message next to the field when it is refused. */
    record WithdrawalForm(Validity validity, String effectiveOn, String reason, String backdateReason) {
    }

    @PostMapping("/admin/documents/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) Validity validity,
                    @RequestParam(defaultValue = "") String effectiveOn, @RequestParam(defaultValue = "") String reason,
                    @RequestParam(defaultValue = "") String backdateReason, @AuthenticationPrincipal StaffPrincipal me,
                    Model model, RedirectAttributes flash) {
        WithdrawalForm form = new WithdrawalForm(validity, effectiveOn, reason, backdateReason);
        LocalDate effective = null;
        if (!effectiveOn.isBlank()) {
            try {
                effective = LocalDate.parse(effectiveOn.strip());
            } catch (java.time.DateTimeException e) {
                return withdrawalRefused(id, me, model, form, new RuleViolation("effectiveOn", "workflow.error.effectiveOn"));
            }
        }
        try {
            workflow.withdraw(id, validity, effective, reason, backdateReason, me);
            flash.addFlashAttribute("notice", "workflow.withdrawn");
            return "redirect:/admin/documents/" + id;
        } catch (RuleViolation v) {
            return withdrawalRefused(id, me, model, form, v);
        }
    }

    private String withdrawalRefused(long id, StaffPrincipal me, Model model, WithdrawalForm form, RuleViolation v) {
        model.addAttribute("withdrawal", form);
        model.addAttribute("withdrawalErrors", java.util.Map.of(v.field() == null ? "validity" : v.field(), v.messageKey()));
        return show(id, me, model);
    }

    @PostMapping("/admin/documents/{id}/unpublish")
    String unpublish(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                     @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes flash) {
        return act(id, flash, "workflow.unpublished", () -> workflow.unpublish(id, reason, me));
    }

    static String act(long id, RedirectAttributes flash, String notice, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", notice);
        } catch (RuleViolation v) {
            flash.addFlashAttribute("alert", v.messageKey());
        }
        return "redirect:/admin/documents/" + id;
    }
}
