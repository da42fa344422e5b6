package org.gongkai.support;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A value read once and kept until {@link #forget()} (public reads keep the catalogue and the like until anything public
 * changes). A read that overlaps a forget is returned to its caller but not kept, so a change is never hidden behind a value
 * read before it.
 */
public final class Kept<T> {

    private final Supplier<T> load;
    private final AtomicLong generation = new AtomicLong();
    private volatile T value;

    public Kept(Supplier<T> load) {
        this.load = load;
    }

    public T get() {
        T known = value;
        if (known == null) {
            long before = generation.get();
            known = load.get();
            if (generation.get() == before) {
                value = known;
                if (generation.get() != before) { // forgotten while it was being kept
                    value = null;
                }
            }
        }
        return known;
    }

    public void forget() {
        generation.incrementAndGet();
        value = null;
    }
}
