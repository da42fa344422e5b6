package org.gongkai.content;

/** Another published document an edition points at, with the kind of link; {@code publicId} is what its URL uses. */
public record RelatedDocument(long documentId, String publicId, String title, Relation relation) {

    /** How an edition relates to the other document. The public page shows the link from both ends. */
    public enum Relation {
        /** This edition is the interpretation (政策解读) of the other document. */
        INTERPRETS,
        /** This edition replaces the other document. */
        REPLACES,
        /** See also. */
        SEE_ALSO
    }
}
