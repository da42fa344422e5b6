package org.gongkai.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only facts about staff accounts for other modules, which must not read identity's tables themselves: display names
 * (e.g. of reviewers next to their records) and notification addresses. Department names: {@link IdentityManagement#departmentNames()}.
 */
@Service
public class StaffDirectory {

    private final JdbcTemplate jdbc;

    StaffDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Display names by account id, for the given ids (unknown ids are left out), in one query. */
    @Transactional(readOnly = true)
    public Map<Long, String> displayNames(Collection<Long> accountIds) {
        Map<Long, String> names = new HashMap<>();
        if (accountIds.isEmpty()) {
            return names;
        }
        jdbc.query("select id, display_name from staff_user where id = any(?)",
                rs -> { names.put(rs.getLong(1), rs.getString(2)); }, (Object) accountIds.toArray(Long[]::new));
        return names;
    }

    /** The account's e-mail address for notices, if it has one. */
    @Transactional(readOnly = true)
    public Optional<String> email(long accountId) {
        List<String> addresses = jdbc.queryForList(
                "select email from staff_user where id = ? and email is not null and email <> ''", String.class, accountId);
        return addresses.stream().findFirst();
    }
}
