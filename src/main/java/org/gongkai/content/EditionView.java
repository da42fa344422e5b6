package org.gongkai.content;

import java.time.Instant;
import java.time.LocalDate;

/** Everything about one edition that the console, the review page and a publication snapshot need. */
public record EditionView(long editionId, long documentId, String publicId, int number, EditionState state, long departmentId,
                         String departmentName, String title, String documentNumber, LocalDate writtenOn, String summary,
                         String keywords, long catalogueNodeId, String catalogueCode, String catalogueName,
                         boolean approvalRequired, String topic, String genre, String audience, String disclosureAttribute,
                         String bodyHtml, String changeNote, boolean minorChange, boolean emergency, long createdBy,
                         Instant updatedAt, long version, java.util.List<RelatedDocument> related) {

    public String bodyText() {
        return BodySanitizer.text(bodyHtml);
    }

    public boolean editable() {
        return state == EditionState.DRAFT || state == EditionState.RETURNED;
    }
}
