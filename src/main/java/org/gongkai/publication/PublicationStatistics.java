package org.gongkai.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts and lists over what the public can see (each document's current snapshot, {@link PublicStatus#SHOWN live or
 * withdrawn}), for reporting's annual report and obligations dashboard and for content's references to published items. Dates
 * of publication are days in the configured zone.
 */
@Service
public class PublicationStatistics {

    /** A public item as of its current snapshot; {@code firstPublished} is the instant it first went public. */
    public record PublicItem(String documentId, String title, LocalDate writtenOn, Instant firstPublished, long departmentId,
                             String catalogueCode, String genre) {
    }

    /** A link in a public item's current snapshot: {@code documentId} names {@code relatedDocumentId} with the relation. */
    public record PublicLink(String documentId, String relatedDocumentId) {
    }

    private static final String CURRENT = "from public_document d join publication_snapshot s on s.id = d.current_snapshot_id where "
            + PublicStatus.SHOWN + " ";

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    PublicationStatistics(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** Every public item. */
    @Transactional(readOnly = true)
    public List<PublicItem> items() {
        return jdbc.query("select d.document_id, s.title, s.written_on, d.first_published_at, d.department_id, s.catalogue_code, s.genre "
                + CURRENT, (rs, n) -> new PublicItem(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                rs.getTimestamp(4).toInstant(), rs.getLong(5), rs.getString(6), rs.getString(7)));
    }

    /** The links of one relation (e.g. {@code INTERPRETS}) in the current snapshots of public items. */
    @Transactional(readOnly = true)
    public List<PublicLink> links(String relation) {
        return jdbc.query("""
                select s.document_id, r ->> 'documentId' from public_document d join publication_snapshot s on s.id = d.current_snapshot_id
                    cross join lateral jsonb_array_elements(s.related) r
                where\s""" + PublicStatus.SHOWN + " and r ->> 'relation' = ?",
                (rs, n) -> new PublicLink(rs.getString(1), rs.getString(2)), relation);
    }

    /** Items of a genre issued (written, else first published) between the two days. */
    @Transactional(readOnly = true)
    public int issued(String genre, LocalDate first, LocalDate last) {
        return jdbc.queryForObject("select count(*) " + CURRENT + "and s.genre = ? and " + issuedOn() + " between ? and ?",
                Integer.class, genre, zone.getId(), first, last);
    }

    /** Items of a genre that stopped being valid (废止/失效) between the two days. */
    @Transactional(readOnly = true)
    public int repealed(String genre, LocalDate first, LocalDate last) {
        return jdbc.queryForObject("select count(*) " + CURRENT
                + "and s.genre = ? and d.validity <> 'VALID' and d.validity_changed_on between ? and ?", Integer.class, genre, first, last);
    }

    /** Items of a genre issued by the day and still valid at its end. */
    @Transactional(readOnly = true)
    public int inForce(String genre, LocalDate day) {
        return jdbc.queryForObject("select count(*) " + CURRENT + "and s.genre = ? and " + issuedOn()
                + " <= ? and (d.validity = 'VALID' or d.validity_changed_on > ?)", Integer.class, genre, zone.getId(), day, day);
    }

    /** Items first published between the two days, in any column or only in one ({@code catalogueCode} not null). */
    @Transactional(readOnly = true)
    public int firstPublished(String catalogueCode, LocalDate first, LocalDate last) {
        return catalogueCode == null
                ? jdbc.queryForObject("select count(*) " + CURRENT + "and (d.first_published_at at time zone ?)::date between ? and ?",
                        Integer.class, zone.getId(), first, last)
                : jdbc.queryForObject("select count(*) " + CURRENT
                        + "and s.catalogue_code = ? and (d.first_published_at at time zone ?)::date between ? and ?",
                        Integer.class, catalogueCode, zone.getId(), first, last);
    }

    /** The document id of a public item's index number (索引号), if one was ever given. */
    @Transactional(readOnly = true)
    public Optional<String> documentIdOf(String indexNumber) {
        return jdbc.queryForList("select document_id from public_document where index_number = ?", String.class, indexNumber)
                .stream().findFirst();
    }

    private static String issuedOn() {
        return "coalesce(s.written_on, (d.first_published_at at time zone ?)::date)";
    }
}
