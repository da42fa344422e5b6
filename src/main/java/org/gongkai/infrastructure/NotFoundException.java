package org.gongkai.infrastructure;

/**
 * Thrown when a thing does not exist or the caller may not know that it exists; both answer the same 404,
 * so that URLs cannot be used to probe for other departments' drafts.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException() {
        super("not found", null, false, false);
    }
}
