package org.gongkai.publication;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gongkai.support.IndexNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes the public read model. Called only by the workflow, inside the transaction that changes the edition's state,
 * so that a snapshot exists exactly when the edition is published.
 */
@Service
public class PublicationWriter {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    private final AttachmentText attachmentText;
    private final ZoneId zone;

    PublicationWriter(JdbcTemplate jdbc, ObjectMapper json, ApplicationEventPublisher events, AttachmentText attachmentText,
                      ZoneId zone) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.attachmentText = attachmentText;
        this.json = json;
        this.events = events;
    }

    /** The result of a publication: the document's index number (assigned at first publication) and the new snapshot. */
    public record Published(String indexNumber, long snapshotId, boolean firstPublication) {
    }

    /**
     * Publishes an edition: on first publication assigns the 索引号 (serial per publishing organ, i.e. per credit code, and year: every 科室 of the
     * commission numbers in one sequence; consecutive, never
     * reused), writes the immutable snapshot, makes it current (superseding the previous one) and copies the attachments.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Published publish(PublicationContent c) {
        List<Map<String, Object>> existing = jdbc.queryForList(
                "select index_number from public_document where document_id = ? for update", c.documentId());
        boolean first = existing.isEmpty();
        String indexNumber;
        if (first) {
            int year = c.publishedAt().atZone(zone).getYear();
            indexNumber = new IndexNumber(c.departmentCreditCode(), year, nextSerial(c.departmentCreditCode(), year)).toString();
            jdbc.update("""
                    insert into public_document (document_id, index_number, department_id, status, first_published_at,
                                                 last_major_change_at)
                    values (?, ?, ?, 'LIVE', ?, ?)""",
                    c.documentId(), indexNumber, c.departmentId(), Timestamp.from(c.publishedAt()), Timestamp.from(c.publishedAt()));
        } else {
            indexNumber = (String) existing.get(0).get("index_number");
        }
        List<Map<String, Object>> attachmentRefs = new ArrayList<>();
        // what search finds besides the edition's own fields: its tables' masked text, its attachments' names and text
        StringBuilder extraText = new StringBuilder(c.maskedTablesText() == null ? "" : c.maskedTablesText());
        for (PublicationContent.Attachment a : c.attachments()) {
            extraText.append('\n').append(a.filename()).append('\n').append(fileText(a));
            attachmentRefs.add(Map.of("name", a.filename(), "mediaType", a.mediaType(), "sha256", a.sha256(),
                    "size", (long) a.content().length));
        }
        List<Map<String, Object>> related = c.related().stream()
                .map(r -> Map.<String, Object>of("documentId", r.documentId(), "title", r.title(), "relation", r.relation()))
                .toList();
        Long snapshotId = jdbc.queryForObject("""
                insert into publication_snapshot (document_id, edition_id, edition_number, published_at, minor_change, change_note,
                    title, document_number, written_on, summary, keywords, catalogue_code, catalogue_name, topic, genre,
                    audience, disclosure_attribute, issuing_department_name, emergency, body_html, body_text,
                    attachments, related, tables, index_number, extra_text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)
                returning id""", Long.class,
                c.documentId(), c.editionId(), c.editionNumber(), Timestamp.from(c.publishedAt()), c.minorChange(),
                c.changeNote(), c.title(), c.documentNumber(), c.writtenOn() == null ? null : Date.valueOf(c.writtenOn()),
                c.summary(), c.keywords(), c.catalogueCode(), c.catalogueName(), c.topic(), c.genre(), c.audience(),
                c.disclosureAttribute(), c.issuingDepartmentName(), c.emergency(),
                c.bodyHtml() == null ? "" : c.bodyHtml(), c.bodyText() == null ? "" : c.bodyText(),
                json.writeValueAsString(attachmentRefs), json.writeValueAsString(related),
                c.maskedTablesJson() == null ? "[]" : c.maskedTablesJson(), indexNumber, extraText.toString());
        jdbc.update("""
                update public_document set current_snapshot_id = ?, status = case when status = 'UNPUBLISHED' then 'LIVE' else status end,
                    unpublished_at = null, unpublished_reason = null,
                    last_major_change_at = case when ? then last_major_change_at else ? end, version = version + 1, page_version = page_version + 1
                where document_id = ?""",
                snapshotId, c.minorChange() && !first, Timestamp.from(c.publishedAt()), c.documentId());
        events.publishEvent(new PublicationChanged(c.documentId(), PublicStatus.LIVE));
        return new Published(indexNumber, snapshotId, first);
    }

    /** 废止/失效: the page stays public with a banner, the date and the reason. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void withdraw(String documentId, Validity validity, LocalDate effectiveOn, String reason) {
        if (validity == Validity.VALID) {
            throw new IllegalArgumentException("withdrawal needs 废止 or 失效");
        }
        int changed = jdbc.update("""
                update public_document set status = 'WITHDRAWN', validity = ?, validity_changed_on = ?, withdrawal_reason = ?,
                    version = version + 1, page_version = page_version + 1
                where document_id = ? and status = 'LIVE'""", validity.name(), Date.valueOf(effectiveOn), reason, documentId);
        if (changed != 1) {
            throw new IllegalStateException("only a live document can be withdrawn");
        }
        events.publishEvent(new PublicationChanged(documentId, PublicStatus.WITHDRAWN));
    }

    /** Removes a document from every public view; its page answers 410. The index number stays reserved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void unpublish(String documentId, String reason, Instant at) {
        int changed = jdbc.update("""
                update public_document set status = 'UNPUBLISHED', unpublished_at = ?, unpublished_reason = ?, version = version + 1, page_version = page_version + 1
                where document_id = ? and status <> 'UNPUBLISHED'""", Timestamp.from(at), reason, documentId);
        if (changed != 1) {
            throw new IllegalStateException("the document is not public");
        }
        events.publishEvent(new PublicationChanged(documentId, PublicStatus.UNPUBLISHED));
    }

    /**
     * Stores a published file once (by its hash) with its text, extracted the first time the file is published; a file
     * published before its text was kept (null) gets it now.
     */
    private String fileText(PublicationContent.Attachment a) {
        List<String> known = jdbc.query("select coalesce(text, chr(1)) from published_file where sha256 = ?",
                (rs, n) -> rs.getString(1), a.sha256());
        if (!known.isEmpty() && !"\u0001".equals(known.get(0))) {
            return known.get(0);
        }
        String text = attachmentText.extract(a.filename(), a.mediaType(), a.content());
        jdbc.update("""
                insert into published_file (sha256, media_type, size_bytes, content, text) values (?, ?, ?, ?, ?)
                on conflict (sha256) do update set text = excluded.text where published_file.text is null""",
                a.sha256(), a.mediaType(), (long) a.content().length, a.content(), text);
        return text;
    }

    private int nextSerial(String organCreditCode, int year) {
        // one counter per publishing organ (credit code) and year; the upsert takes a row lock: concurrent first
        // publications, from any 科室 of the organ, queue here and get consecutive serials
        return jdbc.queryForObject("""
                insert into index_number_organ_serial (credit_code, year, last_serial) values (?, ?, 1)
                on conflict (credit_code, year) do update set last_serial = index_number_organ_serial.last_serial + 1
                returning last_serial""", Integer.class, organCreditCode, year);
    }
}
