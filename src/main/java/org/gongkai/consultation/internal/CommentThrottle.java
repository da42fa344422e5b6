package org.gongkai.consultation.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A CAPTCHA-free limit of comments per client address, in PostgreSQL so that every node counts the same; addresses are
 * stored only as salted hashes.
 */
@Component
public class CommentThrottle {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CommentThrottle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an attempt and answers whether it is within {@code max} per {@code window}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean allow(String address, int max, Duration window) {
        String key = hash(address == null ? "" : address);
        Instant now = Instant.now(clock);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, key);
        Long recent = jdbc.queryForObject("select count(*) from consultation_throttle where client_key = ? and at > ?",
                Long.class, key, Timestamp.from(now.minus(window)));
        if (recent != null && recent >= max) {
            return false;
        }
        jdbc.update("insert into consultation_throttle (client_key, at) values (?, ?)", key, Timestamp.from(now));
        return true;
    }

    private static String hash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("gongkai-consultation:" + text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
