package org.gongkai.content;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which editions are in a state, for modules that keep their own records per edition (workflow's schedule, for one). */
@Service
public class EditionStates {

    private final JdbcTemplate jdbc;

    EditionStates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids of every edition in the state. */
    @Transactional(readOnly = true)
    public Set<Long> editionsIn(EditionState state) {
        return new LinkedHashSet<>(jdbc.queryForList("select id from edition where state = ? order by id", Long.class, state.name()));
    }

    /** The given edition ids that are in the state. */
    @Transactional(readOnly = true)
    public Set<Long> editionsIn(EditionState state, Collection<Long> among) {
        if (among.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(jdbc.queryForList("select id from edition where state = ? and id = any(?)", Long.class,
                state.name(), among.toArray(Long[]::new)));
    }
}
