package org.gongkai.infrastructure;

import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.SimpleLock;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs run on one node at a time: each takes a ShedLock lock in the {@code shedlock} table (database time),
 * so a second node behind the load balancer changes nothing. Off with {@code gongkai.scheduling.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
@ConditionalOnProperty(name = "gongkai.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

    @Bean
    LockProvider lockProvider(DataSource dataSource, ObjectProvider<MeterRegistry> meters) {
        LockProvider locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        // job runs for the operator: gongkai_jobs_total{job="scheduled-publication",outcome="ran"|"skipped"}, per node;
        // "skipped" means another node held the lock (or the job ran within its lockAtLeastFor)
        return configuration -> {
            Optional<SimpleLock> lock = locks.lock(configuration);
            registry.counter("gongkai.jobs", "job", configuration.getName(), "outcome", lock.isPresent() ? "ran" : "skipped")
                    .increment();
            return lock;
        };
    }
}
