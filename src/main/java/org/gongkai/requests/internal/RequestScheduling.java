package org.gongkai.requests.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.requests.RequestReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The daily deadline run, on one node at a time: ShedLock on the {@code shedlock} table of V1, with the scheduler and lock
 * provider of {@code infrastructure.SchedulingConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class RequestScheduling {

    private static final Logger log = LoggerFactory.getLogger(RequestScheduling.class);

    @Bean
    DeadlineJob requestDeadlineJob(RequestReminders requests) {
        return new DeadlineJob(requests);
    }

    /** Every working morning at 07:30 China time: reminders and lapsed corrections. */
    public static class DeadlineJob {
        private final RequestReminders requests;

        DeadlineJob(RequestReminders requests) {
            this.requests = requests;
        }

        @Scheduled(cron = "0 30 7 * * *", zone = "${gongkai.time-zone}")
        @SchedulerLock(name = "requests-deadline-reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
        public void run() {
            int sent = requests.remind();
            log.info("request deadline reminders sent: {}", sent);
        }
    }
}
