package org.gongkai.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.tika.Tika;
import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attachments of an edition. The type is detected from the bytes (Apache Tika), never trusted from the extension; only
 * documents, spreadsheets, images and ZIP archives are accepted; the size is checked before the upload is read.
 */
@Service
public class Attachments {

    /** Detected media type → the extensions a file of that type may carry. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("application/pdf", Set.of("pdf")),
            Map.entry("application/msword", Set.of("doc")),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Set.of("docx")),
            Map.entry("application/vnd.ms-excel", Set.of("xls")),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Set.of("xlsx")),
            Map.entry("text/csv", Set.of("csv")),
            Map.entry("application/vnd.oasis.opendocument.text", Set.of("odt")),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", Set.of("ods")),
            Map.entry("image/jpeg", Set.of("jpg", "jpeg")),
            Map.entry("image/png", Set.of("png")),
            Map.entry("application/zip", Set.of("zip")));

    /** One attachment as listed; {@code content} is filled only where the bytes are needed. */
    public record Attachment(long id, int position, String filename, String mediaType, long size, String sha256, byte[] content) {
    }

    private static final Tika TIKA = new Tika();

    private final JdbcTemplate jdbc;
    private final ContentManagement content;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;

    Attachments(JdbcTemplate jdbc, ContentManagement content, AuditTrail audit, Clock clock,
                @Value("${gongkai.attachments.max-bytes:52428800}") long maxBytes) {
        this.jdbc = jdbc;
        this.content = content;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Adds an upload to a draft of the clerk's department. {@code declaredSize} is checked before anything is read. */
    @Transactional
    public Attachment add(long editionId, String originalName, long declaredSize, InputStream upload, StaffPrincipal me) {
        EditionView edition = content.viewFor(editionId, me);
        if (!me.has(Role.CLERK) || me.departmentId() != edition.departmentId() || !edition.editable()) {
            throw new RuleViolation("file", "attachment.error.notEditable");
        }
        if (declaredSize <= 0) {
            throw new RuleViolation("file", "attachment.error.empty");
        }
        if (declaredSize > maxBytes) {
            throw new RuleViolation("file", "attachment.error.tooLarge");
        }
        byte[] bytes;
        try (InputStream in = upload) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            throw new RuleViolation("file", "attachment.error.unreadable");
        }
        if (bytes.length > maxBytes) {
            throw new RuleViolation("file", "attachment.error.tooLarge");
        }
        String filename = sanitiseFilename(originalName);
        String detected = TIKA.detect(bytes, filename);
        String extension = extension(filename);
        Set<String> extensions = ALLOWED.get(detected);
        if (extensions == null || !extensions.contains(extension)) {
            throw new RuleViolation("file", "attachment.error.type");
        }
        Integer position = jdbc.queryForObject("select coalesce(max(position), 0) + 1 from edition_attachment where edition_id = ?",
                Integer.class, editionId);
        String sha = sha256(bytes);
        long id = jdbc.queryForObject("""
                insert into edition_attachment (edition_id, position, filename, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, editionId, position, filename, detected,
                (long) bytes.length, sha, bytes, me.id(), Timestamp.from(Instant.now(clock)));
        audit.record("attachment.added", "edition", editionId, filename + " " + detected + " " + bytes.length + " 字节");
        return new Attachment(id, position, filename, detected, bytes.length, sha, null);
    }

    @Transactional
    public void remove(long editionId, long attachmentId, StaffPrincipal me) {
        EditionView edition = content.viewFor(editionId, me);
        if (!me.has(Role.CLERK) || me.departmentId() != edition.departmentId() || !edition.editable()) {
            throw new RuleViolation("file", "attachment.error.notEditable");
        }
        int removed = jdbc.update("delete from edition_attachment where id = ? and edition_id = ?", attachmentId, editionId);
        if (removed == 1) {
            audit.record("attachment.removed", "edition", editionId, "#" + attachmentId);
        }
    }

    @Transactional(readOnly = true)
    public List<Attachment> list(long editionId) {
        return jdbc.query("""
                select id, position, filename, media_type, size_bytes, sha256 from edition_attachment
                where edition_id = ? order by position""",
                (rs, n) -> new Attachment(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), null), editionId);
    }

    /** With bytes: for publication and the console download. */
    @Transactional(readOnly = true)
    public List<Attachment> withContent(long editionId) {
        return jdbc.query("""
                select id, position, filename, media_type, size_bytes, sha256, content from edition_attachment
                where edition_id = ? order by position""",
                (rs, n) -> new Attachment(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getBytes(7)), editionId);
    }

    @Transactional(readOnly = true)
    public Attachment download(long editionId, int position, StaffPrincipal me) {
        content.viewFor(editionId, me);
        return withContent(editionId).stream().filter(a -> a.position() == position).findFirst().orElseThrow(NotFoundException::new);
    }

    /** Keeps the last path segment, drops control and reserved characters, and bounds the length. */
    static String sanitiseFilename(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}<>:\"|?*\\u202E\\u202D]", "").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "附件";
        }
        if (name.length() > 120) {
            String ext = extension(name);
            name = name.substring(0, 110) + (ext.isEmpty() ? "" : "." + ext);
        }
        return name;
    }

    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
