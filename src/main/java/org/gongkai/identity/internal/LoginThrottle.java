package org.gongkai.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins counted per submitted username, whether or not an account has that name, in the database (so two nodes
 * count together): 5 failures lock the name for 15 minutes, and an unknown name is answered exactly like a locked account.
 * Names are stored only as an HMAC under a random key kept in the database, never in clear.
 */
@Component
public class LoginThrottle {

    /** 5 failed sign-ins (wrong password or wrong second-factor code) lock the name for 15 minutes. */
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Rows of names that failed and were not locked are forgotten after a day, which keeps the table small. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private volatile byte[] key;

    LoginThrottle(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The end of the lock on this name, if it is locked now. */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(String username, Instant now) {
        List<Timestamp> until = jdbc.queryForList("select locked_until from login_throttle where name_hash = ? and locked_until > ?",
                Timestamp.class, hash(username), Timestamp.from(now));
        return until.stream().findFirst().map(Timestamp::toInstant);
    }

    /** Counts one failure of this name; returns the end of the lock when this failure locked it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Instant> recordFailure(String username, Instant now) {
        String hash = hash(username);
        Timestamp at = Timestamp.from(now);
        jdbc.update("delete from login_throttle where last_failure_at < ? and (locked_until is null or locked_until < ?)",
                Timestamp.from(now.minus(FORGET_AFTER)), at);
        jdbc.update("insert into login_throttle (name_hash, failed_count, last_failure_at) values (?, 0, ?) on conflict do nothing",
                hash, at);
        // the row lock serialises concurrent failures of one name, on one node or two
        Object[] row = jdbc.queryForObject("select failed_count, locked_until from login_throttle where name_hash = ? for update",
                (rs, n) -> new Object[] {rs.getInt(1), rs.getTimestamp(2)}, hash);
        int count = (Integer) row[0];
        Timestamp lockedUntil = (Timestamp) row[1];
        if (lockedUntil != null && !lockedUntil.toInstant().isAfter(now)) {
            count = 0;   // an expired lock starts a fresh count
            lockedUntil = null;
        }
        count++;
        Optional<Instant> lockedNow = Optional.empty();
        if (count >= MAX_FAILURES) {
            lockedNow = Optional.of(now.plus(LOCKOUT));
            lockedUntil = Timestamp.from(lockedNow.get());
            count = 0;
        }
        jdbc.update("update login_throttle set failed_count = ?, locked_until = ?, last_failure_at = ? where name_hash = ?",
                count, lockedUntil, at, hash);
        return lockedNow;
    }

    /** Forgets the failures of a name: after a complete sign-in, or when the security administrator unlocks the account. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clear(String username) {
        jdbc.update("delete from login_throttle where name_hash = ?", hash(username));
    }

    /** Failures counted so far towards the next lock (for tests and the account page). */
    @Transactional(readOnly = true)
    public int failures(String username) {
        return jdbc.queryForList("select failed_count from login_throttle where name_hash = ?", Integer.class, hash(username))
                .stream().findFirst().orElse(0);
    }

    private String hash(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = jdbc.queryForObject("select key from login_throttle_key where id = 1", String.class).getBytes(StandardCharsets.UTF_8);
            key = k;
        }
        return k;
    }
}
