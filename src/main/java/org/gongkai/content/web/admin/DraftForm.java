package org.gongkai.content.web.admin;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gongkai.content.ContentManagement;
import org.gongkai.content.ContentManagement.DraftInput;
import org.gongkai.content.ContentManagement.RelatedInput;
import org.gongkai.content.RelatedDocument;
import org.gongkai.content.EditionView;
import org.springframework.format.annotation.DateTimeFormat;

/** The edition form; {@code version} guards against two clerks overwriting each other. */
public record DraftForm(
        @NotBlank(message = "{content.error.title}") @Size(max = 300, message = "{content.error.titleLength}") String title,
        @Size(max = 100, message = "{content.error.documentNumberLength}") String documentNumber,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate writtenOn,
        @Size(max = 200, message = "{content.error.summaryLength}") String summary,
        @Size(max = 300, message = "{content.error.keywordsLength}") String keywords,
        @NotNull(message = "{content.error.node}") Long catalogueNodeId,
        String topic,
        String genre,
        String audience,
        String disclosureAttribute,
        @Size(max = 500_000, message = "{content.error.bodyLength}") String bodyHtml,
        String changeNote,
        Boolean minorChange,
        Boolean emergency,
        Long version,
        List<String> relatedRelation,
        List<String> relatedReference) {

    /** Unticked checkboxes and a missing version arrive as null. */
    public DraftForm {
        minorChange = Boolean.TRUE.equals(minorChange);
        emergency = Boolean.TRUE.equals(emergency);
        version = version == null ? 0L : version;
        relatedRelation = relatedRelation == null ? List.of() : relatedRelation;
        relatedReference = relatedReference == null ? List.of() : relatedReference;
    }

    /** The related-document rows the form shows: the ones typed (or stored) and empty ones, up to the maximum. */
    public List<RelatedInput> relatedRows() {
        List<RelatedInput> rows = new ArrayList<>(toInput().related());
        while (rows.size() < Math.min(ContentManagement.MAX_RELATED, Math.max(2, rows.size() + 1))) {
            rows.add(new RelatedInput(null, ""));
        }
        return rows;
    }

    static DraftForm empty() {
        return new DraftForm("", "", null, "", "", null, "卫生健康", "通知", "社会公众", "主动公开", "", "", false, false, 0L, List.of(), List.of());
    }

    DraftForm prefilled(String title, String summary) {
        return new DraftForm(title, documentNumber, writtenOn, summary, keywords, catalogueNodeId, topic, genre, audience,
                disclosureAttribute, bodyHtml, changeNote, minorChange, emergency, version, relatedRelation, relatedReference);
    }

    static DraftForm of(EditionView v) {
        return new DraftForm(v.title(), v.documentNumber(), v.writtenOn(), v.summary(), v.keywords(), v.catalogueNodeId(), v.topic(),
                v.genre(), v.audience(), v.disclosureAttribute(), v.bodyHtml(), v.changeNote(), v.minorChange(), v.emergency(),
                v.version(), v.related().stream().map(r -> r.relation().name()).toList(),
                v.related().stream().map(RelatedDocument::publicId).toList());
    }

    DraftInput toInput() {
        return new DraftInput(title, documentNumber, writtenOn, summary, keywords, catalogueNodeId, topic, genre, audience,
                disclosureAttribute, bodyHtml, changeNote, minorChange, emergency, related());
    }

    private List<RelatedInput> related() {
        List<RelatedInput> related = new ArrayList<>();
        for (int i = 0; i < relatedReference.size(); i++) {
            String relation = i < relatedRelation.size() ? relatedRelation.get(i) : null;
            String reference = relatedReference.get(i) == null ? "" : relatedReference.get(i).strip();
            if (!reference.isEmpty()) {
                related.add(new RelatedInput(relation == null || relation.isBlank() ? null : parse(relation), reference));
            }
        }
        return related;
    }

    private static RelatedDocument.Relation parse(String relation) {
        try {
            return RelatedDocument.Relation.valueOf(relation);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
