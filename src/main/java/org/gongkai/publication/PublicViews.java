package org.gongkai.publication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/** The read-only views of published documents that public pages, feeds and the sitemap render. */
public final class PublicViews {

    private PublicViews() {
    }

    /** One line in a list: enough for the home page, a catalogue page, a feed entry or a search hit. */
    public record ItemSummary(String documentId, String indexNumber, String title, String summary, String documentNumber,
                              LocalDate writtenOn, Instant publishedAt, Instant lastMajorChangeAt, String issuingDepartmentName,
                              String catalogueCode, String catalogueName, String topic, String genre, Validity validity,
                              PublicStatus status, boolean emergency) {

        public boolean withdrawn() {
            return status == PublicStatus.WITHDRAWN;
        }
    }

    /** A whole item page; {@code pageVersion} is the version of what it shows ({@link StoredItemPages}), 0 in a preview. */
    public record PublicItem(ItemSummary summary, int editionNumber, String keywords, String audience,
                             String disclosureAttribute, String bodyHtml, List<AttachmentRef> attachments,
                             List<RelatedRef> related, List<Change> history, String maskedTablesJson,
                             LocalDate validityChangedOn, String withdrawalReason, long pageVersion) {

        /** The published document that replaces this one (a REPLACES link made on the other document), if any. */
        public RelatedRef replacement() {
            return related.stream().filter(r -> "REPLACED_BY".equals(r.relation())).findFirst().orElse(null);
        }
    }

    /** An attachment as listed on the page; {@code number} (from 1) is its place in the list and in its URL. */
    public record AttachmentRef(int number, String name, String mediaType, long size) {
    }

    public record RelatedRef(String documentId, String title, String relation) {
    }

    /** An entry of the update history (更新说明); minor changes are not listed. */
    public record Change(int editionNumber, Instant at, String note) {
    }

    /** A stored attachment's bytes. */
    public record PublishedFile(String name, String mediaType, byte[] content) {
    }

    /** Filters of the catalogue and search pages; null or empty means "any". */
    public record ItemFilter(Collection<String> catalogueCodes, String topic, String genre, String department, Integer year,
                             Validity validity) {

        public static ItemFilter none() {
            return new ItemFilter(List.of(), null, null, null, null, null);
        }

        public static ItemFilter ofCatalogue(Collection<String> codes) {
            return new ItemFilter(codes, null, null, null, null, null);
        }
    }

    /**
     * One page of results. {@code total} is exact up to a search's cap and pages by it; {@code about} is the same when
     * exact, else an estimate of all matches beyond the cap ("约 N 条").
     */
    public record Page<T>(List<T> items, int page, int size, long total, long about) {

        public Page(List<T> items, int page, int size, long total) {
            this(items, page, size, total, total);
        }

        public boolean approximate() {
            return about != total;
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < pages();
        }
    }

    /** A piece of text, highlighted when it matched the query; rendered with th:text inside or outside a mark. */
    public record Segment(String text, boolean match) {
    }

    public record SearchHit(ItemSummary item, List<Segment> title, List<Segment> snippet) {
    }

    /** Values present among published items, offered as filter choices. */
    public record Facets(List<String> topics, List<String> genres, List<String> departments, List<Integer> years) {
    }

    public record SitemapEntry(String documentId, Instant lastModified) {
    }
}
