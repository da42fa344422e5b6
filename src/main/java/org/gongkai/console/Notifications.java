package org.gongkai.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The console inbox. Other features call {@link #notify} inside their transaction; the notice appears in the recipient's
 * inbox with an unread count in the header. E-mail is sent only when SMTP is configured (spring.mail.host), and never holds
 * personal data beyond the title and a console link.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** One notice as the inbox shows it. */
    public record Notice(long id, Instant createdAt, String title, String body, String link, boolean read) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;

    Notifications(JdbcTemplate jdbc, Clock clock, ObjectProvider<JavaMailSender> mail) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail;
    }

    /** Sends a notice to each recipient; {@code link} is a console path such as {@code /admin/documents/12}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(Collection<Long> recipients, String title, String body, String link) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        for (Long recipient : recipients) {
            jdbc.update("insert into notification (recipient_id, created_at, title, body, link) values (?, ?, ?, ?, ?)",
                    recipient, now, cut(title, 200), body == null ? "" : body, link == null ? "" : link);
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender != null) {
            for (Long recipient : recipients) {
                List<String> addresses = jdbc.queryForList(
                        "select email from staff_user where id = ? and email is not null and email <> ''", String.class, recipient);
                for (String address : addresses) {
                    try {
                        SimpleMailMessage message = new SimpleMailMessage();
                        message.setTo(address);
                        message.setSubject("【政务公开】" + title);
                        message.setText(title + "\n\n请登录政务公开管理后台查看：" + link);
                        sender.send(message);
                    } catch (MailException e) {
                        log.warn("notification e-mail could not be sent: {}", e.getClass().getSimpleName());
                    }
                }
            }
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
