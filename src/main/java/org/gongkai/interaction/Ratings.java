package org.gongkai.interaction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gongkai.interaction.internal.AddressKeys;
import org.gongkai.interaction.internal.InteractionThrottle;
import org.gongkai.interaction.internal.Redaction;
import org.gongkai.publication.PublishedItems;
import org.gongkai.tables.ChartConfig;
import org.gongkai.tables.ChartOption;
import org.gongkai.tables.MaskedTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 满意度评价 (seed 003: 社会评价): a reader rates a published item or a published answer 满意 / 基本满意 / 不满意, with an
 * optional comment, without an account. One rating per address, target and period (default 30 days); the address itself is
 * never stored, only a salted hash of address and target, so ratings of different pages cannot be linked to one reader.
 * The column and department of the target are copied at rating time, for the console's statistics.
 */
@Service
public class Ratings {

    /** Ratings per address and hour, over all targets. */
    public static final int PER_HOUR = 30;
    public static final int COMMENT_MAX = 200;
    /** The column name stored for ratings of answers. */
    public static final String QUESTIONS_COLUMN = "政民互动";

    private final JdbcTemplate jdbc;
    private final PublishedItems items;
    private final Questions questions;
    private final AddressKeys keys;
    private final InteractionThrottle throttle;
    private final Clock clock;
    private final Duration period;

    Ratings(JdbcTemplate jdbc, PublishedItems items, Questions questions, AddressKeys keys, InteractionThrottle throttle,
            Clock clock, @Value("${gongkai.ratings.period:P30D}") Duration period) {
        this.jdbc = jdbc;
        this.items = items;
        this.questions = questions;
        this.keys = keys;
        this.throttle = throttle;
        this.clock = clock;
        this.period = period;
    }

    /** What can be rated. */
    public enum TargetKind { ITEM, QUESTION }

    /** A rated page as the rating form names it. */
    public record Target(TargetKind kind, String id, String title, String columnName, String departmentName, String path) {
    }

    /** The public page behind a target, or empty when it is not (or no longer) public. */
    @Transactional(readOnly = true)
    public Optional<Target> target(TargetKind kind, String id) {
        if (kind == null || id == null) {
            return Optional.empty();
        }
        if (kind == TargetKind.ITEM) {
            if (!id.matches("[a-z0-9]{8,40}")) {
                return Optional.empty();
            }
            return items.find(id).map(i -> new Target(kind, id, i.summary().title(),
                    i.summary().catalogueName(), i.summary().issuingDepartmentName(), "/items/" + id));
        }
        if (!id.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        return questions.published(Long.parseLong(id)).map(q -> new Target(kind, id, q.title(), QUESTIONS_COLUMN,
                q.departmentName(), "/questions/" + id));
    }

    /** The outcome of a rating. */
    public enum Outcome {
        /** Stored. */
        RECORDED,
        /** This address already rated this page in the period. */
        ALREADY_RATED,
        /** Too many ratings from this address in the last hour. */
        TOO_MANY,
        /** Not a public page. */
        UNKNOWN_TARGET
    }

    @Transactional
    public Outcome rate(TargetKind kind, String id, RatingScore score, String comment, String address) {
        return rate(kind, id, score, comment, address, Instant.now(clock));
    }

    /** A rating cast at a given time, for demo data and imports of ratings gathered elsewhere; the same guard applies. */
    @Transactional
    public Outcome rateAt(TargetKind kind, String id, RatingScore score, String comment, String address, Instant at) {
        return rate(kind, id, score, comment, address, at);
    }

    private Outcome rate(TargetKind kind, String id, RatingScore score, String comment, String address, Instant now) {
        Target target = target(kind, id).orElse(null);
        if (target == null || score == null) {
            return Outcome.UNKNOWN_TARGET;
        }
        String key = keys.key("rating:" + kind + ":" + id, address);
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, key);
        Long earlier = jdbc.queryForObject("select count(*) from rating where client_key = ? and rated_at > ?", Long.class, key,
                Timestamp.from(now.minus(period)));
        if (earlier != null && earlier > 0) {
            return Outcome.ALREADY_RATED;
        }
        if (!throttle.allow("rate", address, PER_HOUR, Duration.ofHours(1))) {
            return Outcome.TOO_MANY;
        }
        String text = comment == null || comment.isBlank() ? null : Redaction.mask(comment.strip());
        if (text != null && text.length() > COMMENT_MAX) {
            text = text.substring(0, COMMENT_MAX);
        }
        jdbc.update("""
                insert into rating (target_kind, target_id, target_title, column_name, department_name, score, comment, client_key,
                    rated_at, rated_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                kind.name(), id, cut(target.title(), 300), cut(target.columnName(), 100), cut(target.departmentName(), 100),
                score.name(), text, key, Timestamp.from(now), LocalDate.ofInstant(now, clock.getZone()));
        return Outcome.RECORDED;
    }

    public Duration period() {
        return period;
    }

    private static String cut(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
    }

    // ---- statistics --------------------------------------------------------------------------------------------

    /** Counts of one group (a column or a department) in one month. */
    public record Counts(String group, long satisfied, long partly, long unsatisfied) {

        public long total() {
            return satisfied + partly + unsatisfied;
        }

        /** 满意 and 基本满意 in per cent of all, rounded; 0 with no ratings. */
        public long satisfactionPercent() {
            return total() == 0 ? 0 : Math.round(100.0 * (satisfied + partly) / total());
        }
    }

    /** A comment as the console lists it (already masked when stored). */
    public record Comment(LocalDate ratedOn, String targetTitle, String targetPath, RatingScore score, String text) {
    }

    /** The statistics page: by month (the chart's rows), by column, by department, and the latest comments. */
    public record Statistics(YearMonth from, YearMonth to, String column, String department, List<Counts> byMonth,
                             List<Counts> byColumn, List<Counts> byDepartment, List<Comment> comments, MaskedTable monthTable,
                             String chartJson, List<String> columns, List<String> departments) {
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('REVIEWER', 'APPROVER')")
    public Statistics statistics(String column, String department, int months) {
        YearMonth to = YearMonth.now(clock);
        YearMonth from = to.minusMonths(Math.max(1, Math.min(months, 36)) - 1L);
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where rated_on >= ? and rated_on <= ?");
        args.add(from.atDay(1));
        args.add(to.atEndOfMonth());
        if (column != null && !column.isBlank()) {
            where.append(" and column_name = ?");
            args.add(column);
        }
        if (department != null && !department.isBlank()) {
            where.append(" and department_name = ?");
            args.add(department);
        }
        Map<String, Counts> months0 = new LinkedHashMap<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months0.put(m.toString(), new Counts(m.toString(), 0, 0, 0));
        }
        for (Counts c : grouped("to_char(rated_on, 'YYYY-MM')", where.toString(), args)) {
            months0.put(c.group(), c);
        }
        List<Counts> byMonth = List.copyOf(months0.values());
        List<Counts> byColumn = grouped("column_name", where.toString(), args);
        List<Counts> byDepartment = grouped("department_name", where.toString(), args);
        List<Comment> comments = jdbc.query("select rated_on, target_title, target_kind, target_id, score, comment from rating"
                        + where + " and comment is not null order by rated_at desc, id desc limit 50",
                (rs, n) -> new Comment(rs.getObject(1, LocalDate.class), rs.getString(2),
                        (rs.getString(3).equals("ITEM") ? "/items/" : "/questions/") + rs.getString(4),
                        RatingScore.valueOf(rs.getString(5)), rs.getString(6)), args.toArray());
        MaskedTable table = new MaskedTable("满意度评价（按月）", List.of(
                new MaskedTable.Column("month", "月份", false),
                new MaskedTable.Column("SATISFIED", "满意", true),
                new MaskedTable.Column("PARTLY", "基本满意", true),
                new MaskedTable.Column("UNSATISFIED", "不满意", true)),
                byMonth.stream().map(c -> List.of(c.group(), String.valueOf(c.satisfied()), String.valueOf(c.partly()),
                        String.valueOf(c.unsatisfied()))).toList());
        String chart = ChartOption.json(table, new ChartConfig(ChartConfig.Type.BAR, "month", List.of("SATISFIED", "PARTLY", "UNSATISFIED")));
        List<String> columns = jdbc.queryForList("select distinct column_name from rating order by 1", String.class);
        List<String> departments = jdbc.queryForList("select distinct department_name from rating order by 1", String.class);
        return new Statistics(from, to, column, department, byMonth, byColumn, byDepartment, comments, table, chart, columns,
                departments);
    }

    private List<Counts> grouped(String expression, String where, List<Object> args) {
        return jdbc.query("select " + expression + " as g, count(*) filter (where score = 'SATISFIED'), "
                        + "count(*) filter (where score = 'PARTLY'), count(*) filter (where score = 'UNSATISFIED') from rating"
                        + where + " group by g order by g",
                (rs, n) -> new Counts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), args.toArray());
    }
}
