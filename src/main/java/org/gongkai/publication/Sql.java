package org.gongkai.publication;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its arguments, in order. */
record Sql(String sql, List<Object> args) {
    static Sql of(String sql, Object... args) {
        return new Sql(sql, List.of(args));
    }

    Sql and(Sql next) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(next.args);
        return new Sql(sql + next.sql, all);
    }
}
