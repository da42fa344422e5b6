package org.gongkai.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console inbox. Other features call {@link #notify} inside their transaction; the notice appears in the recipient's
 * inbox with an unread count in the header. E-mail is sent after commit, only when SMTP is configured (spring.mail.host), and
 * never holds personal data beyond the title and a console link.
 */
@Service
public class Notifications {

    /** One notice as the inbox shows it. */
    public record Notice(long id, Instant createdAt, String title, String body, String link, boolean read) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Notifications(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Puts a notice in each recipient's inbox, in the caller's transaction. The e-mail copies go out after commit
     * ({@link NoticesPosted}, console.internal.NoticeMail), so a change that rolls back sends nothing and no row lock is held
     * while SMTP answers.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(Collection<Long> recipients, String title, String body, String link) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Long> ids = new ArrayList<>();
        for (Long recipient : recipients) {
            ids.add(jdbc.queryForObject("""
                    insert into notification (recipient_id, created_at, title, body, link) values (?, ?, ?, ?, ?) returning id""",
                    Long.class, recipient, now, cut(title, 200), body == null ? "" : body, link == null ? "" : link));
        }
        if (!ids.isEmpty()) {
            events.publishEvent(new NoticesPosted(ids));
        }
    }

    @Transactional(readOnly = true)
    public List<Notice> inbox(long recipient, int limit) {
        return jdbc.query("""
                select id, created_at, title, body, link, read_at is not null from notification
                where recipient_id = ? order by created_at desc, id desc limit ?""",
                (rs, n) -> new Notice(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6)), recipient, limit);
    }

    @Transactional(readOnly = true)
    public int unread(long recipient) {
        Integer count = jdbc.queryForObject("select count(*) from notification where recipient_id = ? and read_at is null",
                Integer.class, recipient);
        return count == null ? 0 : count;
    }

    /** Marks one notice read and returns its link; only the recipient's own notices. */
    @Transactional
    public String open(long recipient, long id) {
        jdbc.update("update notification set read_at = coalesce(read_at, ?) where id = ? and recipient_id = ?",
                Timestamp.from(Instant.now(clock)), id, recipient);
        List<String> links = jdbc.queryForList("select link from notification where id = ? and recipient_id = ?", String.class, id, recipient);
        return links.isEmpty() || links.get(0).isEmpty() ? "/admin/inbox" : links.get(0);
    }

    @Transactional
    public void readAll(long recipient) {
        jdbc.update("update notification set read_at = ? where recipient_id = ? and read_at is null",
                Timestamp.from(Instant.now(clock)), recipient);
    }

    /**
     * Closes (marks read, for every recipient) the unread notices that point at one of these console paths: called when
     * the thing they ask for has been done, so that a notice does not stay unread after someone acted on it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int close(Collection<String> links) {
        if (links.isEmpty()) {
            return 0;
        }
        return jdbc.update("update notification set read_at = ? where read_at is null and link = any (?)",
                Timestamp.from(Instant.now(clock)), links.toArray(String[]::new));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
