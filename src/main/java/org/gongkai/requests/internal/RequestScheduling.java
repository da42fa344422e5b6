package org.gongkai.requests.internal;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.requests.InformationRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The daily deadline run, on one node at a time (ShedLock on the {@code shedlock} table of V1). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT30M")
public class RequestScheduling {

    private static final Logger log = LoggerFactory.getLogger(RequestScheduling.class);

    @Bean
    @ConditionalOnMissingBean(LockProvider.class)
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
    }

    @Bean
    DeadlineJob requestDeadlineJob(InformationRequests requests) {
        return new DeadlineJob(requests);
    }

    /** Every working morning at 07:30 China time: reminders and lapsed corrections. */
    public static class DeadlineJob {
        private final InformationRequests requests;

        DeadlineJob(InformationRequests requests) {
            this.requests = requests;
        }

        @Scheduled(cron = "0 30 7 * * *", zone = "Asia/Shanghai")
        @SchedulerLock(name = "requests-deadline-reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
        public void run() {
            int sent = requests.remind();
            log.info("request deadline reminders sent: {}", sent);
        }
    }
}
