package org.gongkai.content.web.admin;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.gongkai.content.ContentManagement.DraftInput;
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
        Long version) {

    /** Unticked checkboxes and a missing version arrive as null. */
    public DraftForm {
        minorChange = Boolean.TRUE.equals(minorChange);
        emergency = Boolean.TRUE.equals(emergency);
        version = version == null ? 0L : version;
    }

    static DraftForm empty() {
        return new DraftForm("", "", null, "", "", null, "卫生健康", "通知", "社会公众", "主动公开", "", "", false, false, 0L);
    }

    static DraftForm of(EditionView v) {
        return new DraftForm(v.title(), v.documentNumber(), v.writtenOn(), v.summary(), v.keywords(), v.catalogueNodeId(), v.topic(),
                v.genre(), v.audience(), v.disclosureAttribute(), v.bodyHtml(), v.changeNote(), v.minorChange(), v.emergency(),
                v.version());
    }

    DraftInput toInput() {
        return new DraftInput(title, documentNumber, writtenOn, summary, keywords, catalogueNodeId, topic, genre, audience,
                disclosureAttribute, bodyHtml, changeNote, minorChange, emergency);
    }
}
