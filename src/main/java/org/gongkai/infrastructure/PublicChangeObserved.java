package org.gongkai.infrastructure;

/**
 * Some node (this one or another) committed a public change: whatever a node keeps in memory about public content (the
 * page cache, the search facets) must be forgotten. Published by {@link PublicChanges}, on its own thread.
 */
public record PublicChangeObserved(long version) {
}
