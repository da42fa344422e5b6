package org.gongkai.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Anchors the audit chain outside its own table. {@link #anchor()} signs the head (last event id and hash) with HMAC-SHA256
 * under a key from configuration ({@code gongkai.audit.anchor-key}), appends the anchor to {@code audit_anchor} (append-only
 * by trigger), and after commit writes the same line to the log category {@code org.gongkai.audit.anchor} and, where
 * {@code gongkai.audit.anchor-file} is set, appends it to that file. Someone who can delete audit rows can delete anchor rows
 * too, but cannot sign a new anchor without the key, nor reach the copies shipped with the logs.
 */
@Service
public class AuditAnchors {

    private static final Logger ANCHOR_LOG = LoggerFactory.getLogger("org.gongkai.audit.anchor");
    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecretKeySpec key;
    private final String keyId;
    private final Path file;

    AuditAnchors(JdbcTemplate jdbc, Clock clock, @Value("${gongkai.audit.anchor-key:}") String key,
                 @Value("${gongkai.audit.anchor-file:}") String file) {
        if (key == null || key.length() < 32) {
            throw new IllegalStateException("gongkai.audit.anchor-key (GONGKAI_AUDIT_ANCHOR_KEY) must be a secret of at least 32 "
                    + "characters: it signs the audit trail's anchors");
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.keyId = sha256(key).substring(0, 16);
        this.file = file == null || file.isBlank() ? null : Path.of(file);
    }

    /** Signs and stores the current head, unless it is already anchored or the trail is empty. */
    @Transactional
    public Optional<AuditAnchor> anchor() {
        // the chain lock: no event is appended while the head is read
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, AuditTrail.CHAIN_LOCK);
        record Head(long id, String hash) {
        }
        Optional<Head> head = jdbc.query("select id, hash from audit_event order by id desc limit 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2))).stream().findFirst();
        if (head.isEmpty() || last().map(a -> a.eventId() == head.get().id()).orElse(false)) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String signature = sign(head.get().id(), head.get().hash(), now);
        long id = jdbc.queryForObject("""
                insert into audit_anchor (anchored_at, event_id, head_hash, key_id, signature) values (?, ?, ?, ?, ?)
                returning id""", Long.class, Timestamp.from(now), head.get().id(), head.get().hash(), keyId, signature);
        AuditAnchor anchor = new AuditAnchor(id, now, head.get().id(), head.get().hash(), keyId, signature);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(anchor);
            }
        });
        return Optional.of(anchor);
    }

    /** The newest anchor. */
    @Transactional(readOnly = true)
    public Optional<AuditAnchor> last() {
        return jdbc.query("select * from audit_anchor order by id desc limit 1", (rs, n) -> map(rs)).stream().findFirst();
    }

    /** True when the anchor was signed with the configured key over exactly its content. */
    public boolean authentic(AuditAnchor anchor) {
        return keyId.equals(anchor.keyId()) && MessageDigest.isEqual(
                sign(anchor.eventId(), anchor.headHash(), anchor.anchoredAt()).getBytes(StandardCharsets.US_ASCII),
                anchor.signature().getBytes(StandardCharsets.US_ASCII));
    }

    static AuditAnchor map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditAnchor(rs.getLong("id"), rs.getTimestamp("anchored_at").toInstant(), rs.getLong("event_id"),
                rs.getString("head_hash"), rs.getString("key_id"), rs.getString("signature"));
    }

    private void publish(AuditAnchor anchor) {
        ANCHOR_LOG.info(anchor.logLine());
        if (file != null) {
            try {
                Files.writeString(file, anchor.logLine() + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                log.error("Could not append the audit anchor to {}: {}", file, e.getMessage());
            }
        }
    }

    private String sign(long eventId, String headHash, Instant at) {
        String message = String.join("|", "gongkai-audit-anchor-v1", Long.toString(eventId), headHash,
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
