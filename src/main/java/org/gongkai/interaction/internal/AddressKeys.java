package org.gongkai.interaction.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a client address into a salted SHA-256 key: the salt is made once per installation (V35) and never leaves the
 * database, so a stored key cannot be turned back into an address by trying all of them.
 */
@Component
public class AddressKeys {

    private final JdbcTemplate jdbc;
    private volatile String salt;

    AddressKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String key(String scope, String address) {
        if (salt == null) {
            salt = jdbc.queryForObject("select salt from interaction_secret where id = 1", String.class);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((salt + "|" + scope + "|" + address).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
