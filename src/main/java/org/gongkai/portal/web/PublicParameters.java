package org.gongkai.portal.web;

/**
 * Bounds of the public filter parameters, checked at the edge (Bean Validation on the handler parameters) so that a
 * hand-edited URL gets the Chinese 400 page: a year outside these four digits once reached PostgreSQL as
 * {@code make_timestamptz(0, …)} and answered 500.
 */
final class PublicParameters {

    static final int MIN_YEAR = 1000;
    static final int MAX_YEAR = 9999;
    /** Longer than any topic, genre or department name. */
    static final int MAX_FILTER = 100;

    private PublicParameters() {
    }
}
