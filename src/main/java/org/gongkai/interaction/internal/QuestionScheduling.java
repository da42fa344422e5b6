package org.gongkai.interaction.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.gongkai.interaction.Questions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The daily reminder run for questions, on one node at a time (ShedLock, as the request reminders). */
@Configuration(proxyBeanMethods = false)
public class QuestionScheduling {

    private static final Logger log = LoggerFactory.getLogger(QuestionScheduling.class);

    @Bean
    ReminderJob questionReminderJob(Questions questions) {
        return new ReminderJob(questions);
    }

    /** Every morning at 07:40 China time: questions due tomorrow or overdue remind their department. */
    public static class ReminderJob {
        private final Questions questions;

        ReminderJob(Questions questions) {
            this.questions = questions;
        }

        @Scheduled(cron = "0 40 7 * * *", zone = "${gongkai.time-zone}")
        @SchedulerLock(name = "question-deadline-reminders", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
        public void run() {
            int sent = questions.remind();
            log.info("question deadline reminders sent: {}", sent);
        }
    }
}
