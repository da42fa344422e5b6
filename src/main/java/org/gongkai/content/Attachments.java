package org.gongkai.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
import org.gongkai.tables.PersonalDataScanner;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attachments of an edition. The type is detected from the bytes (Apache Tika), never trusted from the extension; only
 * documents, spreadsheets, images and ZIP archives are accepted; the size is checked before the upload is read; archive bombs
 * are refused ({@link ArchiveLimits}). Each upload is scanned for personal data once, before the transaction that stores it,
 * and the result ({@link ScanState} and masked findings) is stored with it: the review page reads that result and never
 * parses the file again.
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

    /** Media types that are ZIP containers and are checked against archive bombs. */
    static final Set<String> ZIP_BASED = Set.of("application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet");

    /**
     * One attachment as listed; {@code content} is filled only where the bytes are needed; {@code scanState} is null for an
     * attachment uploaded before scanning at upload.
     */
    public record Attachment(long id, int position, String filename, String mediaType, long size, String sha256, byte[] content,
                             ScanState scanState) {
    }

    /** What the personal-data scan made of an attachment. */
    public enum ScanState {
        /** The text was read and scanned; the findings are stored. */
        READ,
        /** A format whose text the scanner does not read (images, archives, old Office, ODF). */
        NOT_TEXT,
        /** The scanner could not read the file: damaged, encrypted, or not what it claims to be. */
        UNREADABLE
    }

    /** An attachment's scan as stored at upload: its state and the masked findings (empty unless READ). */
    public record Scan(String filename, ScanState state, List<PersonalDataScanner.Hit> findings) {
    }

    /** The formats whose text {@link PersonalDataScanner#attachmentText} reads. */
    private static final Set<String> TEXT_READ = Set.of("pdf", "docx", "xlsx", "csv");

    /**
     * Detection by magic bytes and name only (tika-core's own types): with Tika's parsers on the classpath (search reads
     * attachment text), the default detector would open ZIP containers, before the archive limits below have checked them.
     */
    /** Tika's type table is read on the first upload, not while the application starts. */
    private static final class Detection {
        static final Tika TIKA = new Tika(org.apache.tika.mime.MimeTypes.getDefaultMimeTypes());
    }
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final ContentManagement content;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;
    private final long maxUnpackedBytes;
    private final TransactionTemplate transaction;

    Attachments(JdbcTemplate jdbc, ContentManagement content, AuditTrail audit, Clock clock, PlatformTransactionManager transactions,
                @Value("${gongkai.attachments.max-bytes:52428800}") long maxBytes,
                @Value("${gongkai.attachments.max-unpacked-bytes:209715200}") long maxUnpackedBytes) {
        this.jdbc = jdbc;
        this.content = content;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.transaction = new TransactionTemplate(transactions);
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Adds an upload to a draft of the clerk's department. {@code declaredSize} is checked before anything is read; the type,
     * the archive limits and the personal-data scan are worked out before the transaction that stores the file (and joins the
     * caller's, if there is one).
     */
    public Attachment add(long editionId, String originalName, long declaredSize, InputStream upload, StaffPrincipal me) {
        mayEdit(editionId, me);
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
        String detected = Detection.TIKA.detect(bytes, filename);
        String extension = extension(filename);
        Set<String> extensions = ALLOWED.get(detected);
        if (extensions == null || !extensions.contains(extension)) {
            throw new RuleViolation("file", "attachment.error.type");
        }
        if (ZIP_BASED.contains(detected)) {
            ArchiveLimits.Breach breach = ArchiveLimits.check(bytes, maxUnpackedBytes);
            if (breach != null) {
                throw new RuleViolation("file", "attachment.error.archive." + breach.name());
            }
        }
        Scan scan = scan(filename, bytes);
        String findings = findingsJson(scan.findings());
        String sha = sha256(bytes);
        return transaction.execute(status -> {
            mayEdit(editionId, me);
            Integer position = jdbc.queryForObject(
                    "select coalesce(max(position), 0) + 1 from edition_attachment where edition_id = ?", Integer.class, editionId);
            long id = jdbc.queryForObject("""
                    insert into edition_attachment (edition_id, position, filename, media_type, size_bytes, sha256, content,
                                                    uploaded_by, uploaded_at, scan_state, scan_findings)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning id""", Long.class, editionId, position, filename,
                    detected, (long) bytes.length, sha, bytes, me.id(), Timestamp.from(Instant.now(clock)), scan.state().name(),
                    findings);
            audit.record("attachment.added", "edition", editionId, filename + " " + detected + " " + bytes.length + " 字节，个人信息检查："
                    + switch (scan.state()) {
                        case READ -> "发现" + scan.findings().size() + "处";
                        case NOT_TEXT -> "该格式不自动检查";
                        case UNREADABLE -> "无法读取";
                    });
            return new Attachment(id, position, filename, detected, bytes.length, sha, null, scan.state());
        });
    }

    private void mayEdit(long editionId, StaffPrincipal me) {
        EditionView edition = content.viewFor(editionId, me);
        if (!me.has(Role.CLERK) || me.departmentId() != edition.departmentId() || !edition.editable()) {
            throw new RuleViolation("file", "attachment.error.notEditable");
        }
    }

    /**
     * The personal-data scan of a file, as made at upload: READ with the masked findings, NOT_TEXT for a format whose text is
     * not read, UNREADABLE when the scanner fails on it (whatever the reason: no hostile file may stop a review).
     */
    static Scan scan(String filename, byte[] bytes) {
        if (!TEXT_READ.contains(extension(filename))) {
            return new Scan(filename, ScanState.NOT_TEXT, List.of());
        }
        try {
            return new Scan(filename, ScanState.READ, PersonalDataScanner.scanAttachment(filename, bytes));
        } catch (RuntimeException | StackOverflowError e) {
            return new Scan(filename, ScanState.UNREADABLE, List.of());
        }
    }

    /** The stored scan of each attachment of an edition, in order; attachments from before scanning at upload are scanned now. */
    @Transactional(readOnly = true)
    public List<Scan> scans(long editionId) {
        List<Scan> scans = new ArrayList<>();
        jdbc.query("""
                select filename, scan_state, scan_findings::text, case when scan_state is null then content end
                from edition_attachment where edition_id = ? order by position""",
                rs -> {
                    String filename = rs.getString(1);
                    String state = rs.getString(2);
                    scans.add(state == null ? scan(filename, rs.getBytes(4))
                            : new Scan(filename, ScanState.valueOf(state), findings(filename, rs.getString(3))));
                }, editionId);
        return scans;
    }

    private static String findingsJson(List<PersonalDataScanner.Hit> hits) {
        return JSON.writeValueAsString(hits.stream().map(h -> Map.of("kind", h.kind().name(), "maskedValue", h.maskedValue(),
                "context", h.context())).toList());
    }

    private static List<PersonalDataScanner.Hit> findings(String filename, String json) {
        List<PersonalDataScanner.Hit> hits = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) {
            hits.add(new PersonalDataScanner.Hit(PersonalDataScanner.Kind.valueOf(n.get("kind").asString()),
                    n.get("maskedValue").asString(), n.get("context").asString(), filename));
        }
        return hits;
    }

    @Transactional
    public void remove(long editionId, long attachmentId, StaffPrincipal me) {
        mayEdit(editionId, me);
        int removed = jdbc.update("delete from edition_attachment where id = ? and edition_id = ?", attachmentId, editionId);
        if (removed == 1) {
            audit.record("attachment.removed", "edition", editionId, "#" + attachmentId);
        }
    }

    @Transactional(readOnly = true)
    public List<Attachment> list(long editionId) {
        return jdbc.query("""
                select id, position, filename, media_type, size_bytes, sha256, scan_state from edition_attachment
                where edition_id = ? order by position""",
                (rs, n) -> new Attachment(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), null, scanState(rs.getString(7))), editionId);
    }

    /** With bytes: for publication and the console download. */
    @Transactional(readOnly = true)
    public List<Attachment> withContent(long editionId) {
        return jdbc.query("""
                select id, position, filename, media_type, size_bytes, sha256, content, scan_state from edition_attachment
                where edition_id = ? order by position""",
                (rs, n) -> new Attachment(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getBytes(7), scanState(rs.getString(8))), editionId);
    }

    @Transactional(readOnly = true)
    public Attachment download(long editionId, int position, StaffPrincipal me) {
        content.viewFor(editionId, me);
        return withContent(editionId).stream().filter(a -> a.position() == position).findFirst().orElseThrow(NotFoundException::new);
    }

    private static ScanState scanState(String stored) {
        return stored == null ? null : ScanState.valueOf(stored);
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
