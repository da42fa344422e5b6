package org.gongkai.publication;

/** Published after commit whenever what the public sees changed (publication, withdrawal, unpublishing). */
public record PublicationChanged(String documentId, PublicStatus status) {
}
