package org.gongkai.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.gongkai.audit.AuditTrail;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.RuleViolation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Short codes and their scans. Codes use an alphabet without look-alikes (0/O, 1/I/L) and are never reused. */
@Service
public class QrCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a code leads. */
    public enum TargetType { CATALOGUE, ITEM, REQUEST, GUIDE, CONSULTATION }

    public record QrCode(long id, String code, String title, long departmentId, String locationLabel, TargetType targetType,
                         String targetKey, boolean retired, Instant createdAt, long totalScans) {

        /** The site path the code redirects to. */
        public String targetPath() {
            return switch (targetType) {
                case CATALOGUE -> "/catalogue/" + targetKey;
                case ITEM -> "/items/" + targetKey;
                case CONSULTATION -> "/consultations/" + targetKey;
                case REQUEST -> "/requests/new";
                case GUIDE -> "/guide";
            };
        }
    }

    public record DayCount(LocalDate day, long scans) {
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final String baseUrl;

    private final ZoneId zone;

    QrCodes(JdbcTemplate jdbc, AuditTrail audit, Clock clock, ZoneId zone, @Value("${gongkai.base-url}") String baseUrl) {
        this.zone = zone;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String shortUrl(String code) {
        return baseUrl + "/q/" + code;
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public QrCode create(String title, long departmentId, String locationLabel, TargetType type, String targetKey, StaffPrincipal me) {
        if (title == null || title.isBlank() || title.length() > 100) {
            throw new RuleViolation("title", "qr.error.title");
        }
        String key = targetKey == null ? "" : targetKey.strip();
        if ((type == TargetType.CATALOGUE || type == TargetType.ITEM || type == TargetType.CONSULTATION) && !key.matches("[a-z0-9-]{2,40}")) {
            throw new RuleViolation("targetKey", "qr.error.target");
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            String code = newCode(6);
            try {
                long id = jdbc.queryForObject("""
                        insert into qr_code (code, title, department_id, location_label, target_type, target_key, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class, code, title.strip(), departmentId,
                        locationLabel == null ? "" : locationLabel.strip(), type.name(), key, me.id(), Timestamp.from(Instant.now(clock)));
                audit.record("qr.created", "qr", code, title.strip() + " → " + type + " " + key);
                return find(code).orElseThrow();
            } catch (DuplicateKeyException taken) {
                // a code is never reused: try another one
            }
        }
        throw new IllegalStateException("no free QR code found");
    }

    @Transactional
    @PreAuthorize("hasRole('SYSADMIN')")
    public void retire(String code) {
        jdbc.update("update qr_code set retired = true where code = ?", code);
        audit.record("qr.retired", "qr", code, "");
    }

    /** Whether any code (retired ones too) points at the target, e.g. before a catalogue column may be deleted. */
    @Transactional(readOnly = true)
    public boolean pointsAt(TargetType type, String targetKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from qr_code where target_type = ? and target_key = ?)",
                Boolean.class, type.name(), targetKey));
    }

    @Transactional(readOnly = true)
    public Optional<QrCode> find(String code) {
        return jdbc.query("""
                select q.*, coalesce((select sum(scans) from qr_scan_day s where s.qr_code_id = q.id), 0) as total
                from qr_code q where q.code = ?""", (rs, n) -> map(rs), code).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<QrCode> all() {
        return jdbc.query("""
                select q.*, coalesce((select sum(scans) from qr_scan_day s where s.qr_code_id = q.id), 0) as total
                from qr_code q order by q.created_at desc""", (rs, n) -> map(rs));
    }

    /** Counts a scan for today (China time) and returns where to go; retired and unknown codes are not found. */
    @Transactional
    public String scan(String code) {
        QrCode qr = find(code.toUpperCase(java.util.Locale.ROOT)).filter(q -> !q.retired()).orElseThrow(NotFoundException::new);
        jdbc.update("""
                insert into qr_scan_day (qr_code_id, day, scans) values (?, ?, 1)
                on conflict (qr_code_id, day) do update set scans = qr_scan_day.scans + 1""",
                qr.id(), Date.valueOf(LocalDate.now(clock.withZone(zone))));
        return qr.targetPath();
    }

    @Transactional(readOnly = true)
    public List<DayCount> scansByDay(String code) {
        return jdbc.query("""
                select s.day, s.scans from qr_scan_day s join qr_code q on q.id = s.qr_code_id
                where q.code = ? order by s.day desc limit 90""",
                (rs, n) -> new DayCount(rs.getDate(1).toLocalDate(), rs.getLong(2)), code);
    }

    public byte[] png(String code, int size) {
        BitMatrix matrix = matrix(shortUrl(code), size);
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SVG of black modules on white, one rect per module run of a row. */
    public String svg(String code) {
        BitMatrix matrix = matrix(shortUrl(code), 0);
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(matrix.getWidth()).append(' ').append(matrix.getHeight()).append("\" shape-rendering=\"crispEdges\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    int start = x;
                    while (x + 1 < matrix.getWidth() && matrix.get(x + 1, y)) {
                        x++;
                    }
                    svg.append("<rect x=\"").append(start).append("\" y=\"").append(y).append("\" width=\"").append(x - start + 1)
                            .append("\" height=\"1\"/>");
                }
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    static String newCode(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static QrCode map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new QrCode(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getLong("department_id"),
                rs.getString("location_label"), TargetType.valueOf(rs.getString("target_type")), rs.getString("target_key"),
                rs.getBoolean("retired"), rs.getTimestamp("created_at").toInstant(), rs.getLong("total"));
    }
}
