package org.gongkai.publication;

import java.util.List;

/**
 * Published once a change of what the item pages of these documents show has committed (their own publication or
 * withdrawal, a linked document's, a published answer to a question about them): their stored pages are out of date.
 */
public record ItemPagesChanged(List<String> documentIds) {
}
