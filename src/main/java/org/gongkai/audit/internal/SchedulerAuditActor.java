package org.gongkai.audit.internal;

import org.gongkai.audit.SystemActor;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every run of a scheduled job records its audit events as {@code system:scheduler}: the task scheduler wraps each execution
 * in {@link SystemActor}, so no job can be forgotten and none is audited as {@code anonymous}.
 */
@Configuration(proxyBeanMethods = false)
class SchedulerAuditActor {

    @Bean
    ThreadPoolTaskSchedulerCustomizer schedulerIsNamedInTheAuditTrail() {
        return scheduler -> scheduler.setTaskDecorator(SchedulerAuditActor::asScheduler);
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer virtualThreadSchedulerIsNamedInTheAuditTrail() {
        return scheduler -> scheduler.setTaskDecorator(SchedulerAuditActor::asScheduler);
    }

    static Runnable asScheduler(Runnable task) {
        return () -> SystemActor.run(SystemActor.SCHEDULER, task);
    }
}
