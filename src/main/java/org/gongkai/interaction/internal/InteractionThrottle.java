package org.gongkai.interaction.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A CAPTCHA-free rate limit per client address for the question forms, in PostgreSQL so every node counts alike. */
@Component
public class InteractionThrottle {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AddressKeys keys;

    InteractionThrottle(JdbcTemplate jdbc, Clock clock, AddressKeys keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
    }

    /** Records an attempt and answers whether it is within {@code max} attempts per {@code window}. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean allow(String scope, String address, int max, Duration window) {
        String key = keys.key("throttle:" + scope, address);
        Instant now = Instant.now(clock);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, key);
        Long recent = jdbc.queryForObject("select count(*) from interaction_throttle where scope = ? and client_key = ? and at > ?",
                Long.class, scope, key, Timestamp.from(now.minus(window)));
        if (recent != null && recent >= max) {
            return false;
        }
        jdbc.update("insert into interaction_throttle (scope, client_key, at) values (?, ?, ?)", scope, key, Timestamp.from(now));
        return true;
    }
}
