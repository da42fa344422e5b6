package org.gongkai.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one published edition shows the public, handed over by the workflow at publication. The body must already be
 * sanitised and every table already masked: nothing here is filtered again. {@code maskedTablesText} is the tables' text for
 * search (captions, labels and masked cells, from the tables module's {@code PublishedTables.searchText}).
 */
public record PublicationContent(
        String documentId,
        long editionId,
        int editionNumber,
        long departmentId,
        String departmentCreditCode,
        Instant publishedAt,
        boolean minorChange,
        String changeNote,
        String title,
        String documentNumber,
        LocalDate writtenOn,
        String summary,
        String keywords,
        String catalogueCode,
        String catalogueName,
        String topic,
        String genre,
        String audience,
        String disclosureAttribute,
        String issuingDepartmentName,
        boolean emergency,
        String bodyHtml,
        String bodyText,
        List<Attachment> attachments,
        List<Related> related,
        String maskedTablesJson,
        String maskedTablesText) {

    /** Without the tables' search text (no tables, or callers that hand over none). */
    public PublicationContent(String documentId, long editionId, int editionNumber, long departmentId, String departmentCreditCode,
                              Instant publishedAt, boolean minorChange, String changeNote, String title, String documentNumber,
                              LocalDate writtenOn, String summary, String keywords, String catalogueCode, String catalogueName,
                              String topic, String genre, String audience, String disclosureAttribute,
                              String issuingDepartmentName, boolean emergency, String bodyHtml, String bodyText,
                              List<Attachment> attachments, List<Related> related, String maskedTablesJson) {
        this(documentId, editionId, editionNumber, departmentId, departmentCreditCode, publishedAt, minorChange, changeNote, title,
                documentNumber, writtenOn, summary, keywords, catalogueCode, catalogueName, topic, genre, audience,
                disclosureAttribute, issuingDepartmentName, emergency, bodyHtml, bodyText, attachments, related, maskedTablesJson,
                null);
    }

    /** An attachment with its bytes; the hash identifies the stored copy. */
    public record Attachment(String filename, String mediaType, String sha256, byte[] content) {
    }

    /** A link to another published document, e.g. a policy and its interpretation (政策解读). */
    public record Related(String documentId, String title, String relation) {
    }
}
