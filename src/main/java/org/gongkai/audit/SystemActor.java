package org.gongkai.audit;

import java.util.function.Supplier;

/**
 * Names the part of the system (the scheduler, the start-up) on whose behalf audit events are recorded while no staff member
 * is signed in: such events carry the actor {@code system:<name>} instead of {@code anonymous}, which stays for citizens.
 */
public final class SystemActor {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The scheduler: scheduled publication, deadline and compliance reminders, audit anchors. */
    public static final String SCHEDULER = "scheduler";

    private SystemActor() {
    }

    /** Runs {@code work} as the named system actor on this thread. */
    public static <T> T call(String name, Supplier<T> work) {
        String outer = CURRENT.get();
        CURRENT.set(name);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static void run(String name, Runnable work) {
        call(name, () -> {
            work.run();
            return null;
        });
    }

    /** The audit actor of the current system process, or null when none is named. */
    static String current() {
        String name = CURRENT.get();
        return name == null ? null : actor(name);
    }

    /** How the named system process appears as the actor of an audit event: {@code system:<name>}. */
    public static String actor(String name) {
        return "system:" + name;
    }
}
