package org.gongkai.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The mail server of the tests: keeps what was sent (instead of SMTP) and can be told to refuse the next message to an address, as a
 * server that is down would.
 */
public final class TestMail extends JavaMailSenderImpl {

    private final List<SimpleMailMessage> sent = new CopyOnWriteArrayList<>();
    private final Set<String> refuseOnce = ConcurrentHashMap.newKeySet();

    /** The next message to this address fails with a {@link MailSendException}. */
    public void refuseOnce(String address) {
        refuseOnce.add(address);
    }

    /** Messages sent to the address so far. */
    public List<SimpleMailMessage> sentTo(String address) {
        return sent.stream().filter(m -> m.getTo() != null && List.of(m.getTo()).contains(address)).toList();
    }

    @Override
    public void send(SimpleMailMessage... messages) {
        for (SimpleMailMessage message : messages) {
            if (message.getTo() != null && List.of(message.getTo()).stream().anyMatch(refuseOnce::remove)) {
                throw new MailSendException("test mail server refuses");
            }
            sent.add(message);
        }
    }

    /** Replaces SMTP in the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        TestMail testMail() {
            return new TestMail();
        }
    }
}
