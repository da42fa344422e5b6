package org.gongkai.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock in tests: the system clock in Beijing time (as the application's; never the JVM's zone at the
 * moment of creation, which is UTC on a server until the application sets it) until a test fixes it (Beijing time), and the system clock again after
 * each test (the base class resets it). Every service reads "today" from the {@link Clock} bean, so a fixed clock makes a test
 * independent of the day it runs.
 */
public final class TestClock extends Clock {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private volatile Clock current = Clock.system(BEIJING);

    /** Fixes the clock at the given Beijing date and time. */
    public void fix(LocalDate day, LocalTime time) {
        current = Clock.fixed(day.atTime(time).atZone(BEIJING).toInstant(), BEIJING);
    }

    /** Fixes the clock at 10:00 Beijing time of the given day. */
    public void fix(LocalDate day) {
        fix(day, LocalTime.of(10, 0));
    }

    public void reset() {
        current = Clock.system(BEIJING);
    }

    @Override
    public ZoneId getZone() {
        return current.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current.withZone(zone);
    }

    @Override
    public Instant instant() {
        return current.instant();
    }

    /** Replaces the application's clock bean in the shared test context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
