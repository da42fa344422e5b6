package org.gongkai.console.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.gongkai.console.NoticesPosted;
import org.gongkai.identity.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends the e-mail copy of each posted notice after the posting transaction committed, on its own thread. The event
 * publication registry keeps the event until this returns; a failure leaves it incomplete and it is resubmitted later
 * (org.gongkai.infrastructure.EventResubmission), also after a restart. A notice is mailed once: each row is marked
 * {@code mailed_at} as its mail goes out (autocommit), so a resubmission, on either node, sends only what is still missing.
 */
@Component
class NoticeMail {

    private static final Logger log = LoggerFactory.getLogger(NoticeMail.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final StaffDirectory staff;

    NoticeMail(JdbcTemplate jdbc, Clock clock, ObjectProvider<JavaMailSender> mail, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
        this.mail = mail;
    }

    @Async
    @TransactionalEventListener
    void on(NoticesPosted posted) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return;
        }
        MailException failure = null;
        for (Long id : posted.noticeIds()) {
            List<Mail> pending = jdbc.query("""
                    select n.recipient_id, n.title, n.link from notification n where n.id = ? and n.mailed_at is null""",
                    (rs, i) -> new Mail(staff.email(rs.getLong(1)).filter(a -> !a.isBlank()).orElse(null), rs.getString(2),
                            rs.getString(3)), id).stream().filter(m -> m.address() != null).toList();
            for (Mail m : pending) {
                try {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setTo(m.address());
                    message.setSubject("【政务公开】" + m.title());
                    message.setText(m.title() + "\n\n请登录政务公开管理后台查看：" + m.link());
                    sender.send(message);
                    jdbc.update("update notification set mailed_at = ? where id = ?", Timestamp.from(Instant.now(clock)), id);
                } catch (MailException e) {
                    log.warn("notification e-mail could not be sent, will be retried: {}", e.getClass().getSimpleName());
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure; // leaves the publication incomplete: resubmitted later
        }
    }

    private record Mail(String address, String title, String link) {
    }
}
