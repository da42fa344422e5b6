package org.gongkai.requests.internal;

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
 * A CAPTCHA-free rate limit per client address, kept in PostgreSQL so that every node sees the same counts.
 * Addresses are stored only as salted hashes.
 */
@Component
public class Throttle {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Throttle(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an attempt and answers whether it is within {@code max} attempts per {@code window}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean allow(String scope, String address, int max, Duration window) {
        String key = hash(scope + "|" + address);
        Instant now = Instant.now(clock);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, key);
        Long recent = jdbc.queryForObject("select count(*) from request_throttle where scope = ? and client_key = ? and at > ?",
                Long.class, scope, key, Timestamp.from(now.minus(window)));
        if (recent != null && recent >= max) {
            return false;
        }
        jdbc.update("insert into request_throttle (scope, client_key, at) values (?, ?, ?)", scope, key, Timestamp.from(now));
        return true;
    }

    private static String hash(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("gongkai-throttle:" + text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
