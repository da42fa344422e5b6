package org.gongkai.content;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gongkai.audit.AuditTrail;
import org.gongkai.content.internal.CatalogueNodeRepository;
import org.gongkai.content.internal.ContentDocumentRepository;
import org.gongkai.content.internal.EditionRepository;
import org.gongkai.identity.IdentityManagement;
import org.gongkai.identity.Role;
import org.gongkai.identity.StaffPrincipal;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.publication.PublicationStatistics;
import org.gongkai.support.RuleViolation;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafting documents and editions. A clerk sees and edits only their own department's editions; reviewers and approvers
 * see those of the departments they cover. Anything else answers 404, as if it did not exist.
 */
@Service
public class ContentManagement {

    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CatalogueNodeRepository nodes;
    private final ContentDocumentRepository documents;
    private final EditionRepository editions;
    private final IdentityManagement identity;
    private final AuditTrail audit;
    private final Clock clock;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    private final EditionReopening reopening;
    private final PublicationStatistics published;

    ContentManagement(CatalogueNodeRepository nodes, ContentDocumentRepository documents, EditionRepository editions,
                      IdentityManagement identity, AuditTrail audit, Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc,
                      EditionReopening reopening, PublicationStatistics published) {
        this.jdbc = jdbc;
        this.reopening = reopening;
        this.published = published;
        this.nodes = nodes;
        this.documents = documents;
        this.editions = editions;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a clerk types; the body is sanitised here. */
    public record DraftInput(String title, String documentNumber, LocalDate writtenOn, String summary, String keywords,
                             Long catalogueNodeId, String topic, String genre, String audience, String disclosureAttribute,
                             String bodyHtml, String changeNote, boolean minorChange, boolean emergency,
                             List<RelatedInput> related) {

        public DraftInput(String title, String documentNumber, LocalDate writtenOn, String summary, String keywords,
                          Long catalogueNodeId, String topic, String genre, String audience, String disclosureAttribute,
                          String bodyHtml, String changeNote, boolean minorChange, boolean emergency) {
            this(title, documentNumber, writtenOn, summary, keywords, catalogueNodeId, topic, genre, audience, disclosureAttribute,
                    bodyHtml, changeNote, minorChange, emergency, List.of());
        }
    }

    /** A related document as typed: its 索引号, its public address or its id. */
    public record RelatedInput(RelatedDocument.Relation relation, String reference) {
    }

    /** At most this many related documents per edition. */
    public static final int MAX_RELATED = 5;

    private static final java.util.regex.Pattern PUBLIC_ID = java.util.regex.Pattern.compile("(?:/items/)?([a-z0-9]{8,16})/?(?:[?#].*)?$");

    // ---- catalogue ---------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<CatalogueNode> catalogue() {
        return nodes.findByRetiredFalseOrderByParentIdAscPositionAscIdAsc();
    }

    @Transactional(readOnly = true)
    public Optional<CatalogueNode> node(String code) {
        return nodes.findByCode(code).filter(n -> !n.isRetired());
    }

    /** The codes of a node and all its descendants. */
    @Transactional(readOnly = true)
    public List<String> codesUnder(String code) {
        return PublicCatalogue.codesUnder(catalogue(), code);
    }

    // ---- reading -----------------------------------------------------------------------------------------------------

    /** An edition as the workflow and publication see it; no access check (callers check their own rules). */
    @Transactional(readOnly = true)
    public EditionView view(long editionId) {
        return toView(editions.findById(editionId).orElseThrow(NotFoundException::new));
    }

    /** An edition for a staff member, or 404 when it is not theirs to see. */
    @Transactional(readOnly = true)
    public EditionView viewFor(long editionId, StaffPrincipal me) {
        EditionView view = view(editionId);
        if (!maySee(me, view.departmentId())) {
            throw new NotFoundException();
        }
        return view;
    }

    public static boolean maySee(StaffPrincipal me, long departmentId) {
        return (me.has(Role.CLERK) && me.departmentId() == departmentId)
                || ((me.has(Role.REVIEWER) || me.has(Role.APPROVER)) && me.covers(departmentId));
    }

    /** The editions of the departments a staff member works for, newest first. */
    @Transactional(readOnly = true)
    public List<EditionView> forStaff(StaffPrincipal me, Set<EditionState> states) {
        Set<Long> departments = new java.util.HashSet<>();
        if (me.has(Role.CLERK)) {
            departments.add(me.departmentId());
        }
        if (me.has(Role.REVIEWER) || me.has(Role.APPROVER)) {
            departments.addAll(me.coveredDepartmentIds().isEmpty() ? identity.departmentNames().keySet() : me.coveredDepartmentIds());
        }
        if (departments.isEmpty()) {
            return List.of();
        }
        return toViews(editions.findByDepartmentsAndStates(departments, states.isEmpty() ? EnumSet.allOf(EditionState.class) : states));
    }

    /** Editions in the given states across all departments, oldest change first (queues filter by coverage). */
    @Transactional(readOnly = true)
    public List<EditionView> inStates(Set<EditionState> states) {
        return toViews(editions.findByStates(states));
    }

    /** Views of the given editions, in the given order (unknown ids left out), in a fixed number of queries. */
    @Transactional(readOnly = true)
    public List<EditionView> views(List<Long> editionIds) {
        Map<Long, Edition> byId = new java.util.HashMap<>();
        editions.findAllById(editionIds).forEach(e -> byId.put(e.getId(), e));
        return toViews(editionIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
    }

    @Transactional(readOnly = true)
    public List<EditionView> editionsOf(long documentId) {
        return toViews(editions.findByDocumentIdOrderByNumberDesc(documentId));
    }

    /** The internal id of a document by its public id. */
    @Transactional(readOnly = true)
    public Optional<Long> documentIdOf(String publicId) {
        return documents.findByPublicId(publicId).map(ContentDocument::getId);
    }

    /** The public id of a document (what URLs use). */
    @Transactional(readOnly = true)
    public String publicIdOf(long documentId) {
        return documents.findById(documentId).orElseThrow(NotFoundException::new).getPublicId();
    }

    // ---- drafting ----------------------------------------------------------------------------------------------------

    @Transactional
    public EditionView createDraft(DraftInput input, StaffPrincipal me) {
        if (!me.has(Role.CLERK)) {
            throw new org.springframework.security.access.AccessDeniedException("clerks draft");
        }
        Instant now = Instant.now(clock);
        Edition.Fields fields = check(input);
        List<RelatedDocument> related = resolve(input.related(), null);
        ContentDocument document = documents.save(new ContentDocument(newPublicId(), me.departmentId(), now));
        Edition edition = new Edition(document.getId(), 1, me.id(), now);
        edition.edit(fields, now);
        editions.saveAndFlush(edition);
        saveRelated(edition.getId(), related);
        audit.record("edition.created", "edition", edition.getId(), fields.title());
        return toView(edition);
    }

    /** Saves a draft; editing a returned edition makes it a draft again. A stale version is a conflict. */
    @Transactional
    public EditionView editDraft(long editionId, long version, DraftInput input, StaffPrincipal me) {
        Edition edition = editions.findById(editionId).orElseThrow(NotFoundException::new);
        ContentDocument document = documents.findById(edition.getDocumentId()).orElseThrow();
        if (!me.has(Role.CLERK) || me.departmentId() != document.getDepartmentId()) {
            throw new NotFoundException();
        }
        if (edition.getVersion() != version) {
            throw new ObjectOptimisticLockingFailureException(Edition.class, editionId);
        }
        if (edition.getState() == EditionState.RETURNED) {
            reopening.reopen(edition, document.getDepartmentId(), me); // the workflow's REOPEN: the clerk takes a returned edition back
        }
        if (edition.getState() != EditionState.DRAFT) {
            throw new RuleViolation(null, "content.error.notEditable");
        }
        Edition.Fields fields = check(input);
        List<RelatedDocument> related = resolve(input.related(), edition.getDocumentId());
        edition.edit(fields, Instant.now(clock));
        editions.saveAndFlush(edition);
        saveRelated(editionId, related);
        audit.record("edition.edited", "edition", editionId, fields.title());
        return toView(edition);
    }

    /** A new draft edition of a published document, starting from a copy of the published one. */
    @Transactional
    public EditionView newEditionFromPublished(long documentId, StaffPrincipal me) {
        ContentDocument document = documents.findById(documentId).orElseThrow(NotFoundException::new);
        if (!me.has(Role.CLERK) || me.departmentId() != document.getDepartmentId()) {
            throw new NotFoundException();
        }
        List<Edition> all = editions.findByDocumentIdOrderByNumberDesc(documentId);
        if (all.stream().anyMatch(e -> e.getState().isOpen())) {
            throw new RuleViolation(null, "content.error.openEditionExists");
        }
        Edition published = all.stream().filter(e -> e.getState() == EditionState.PUBLISHED).findFirst()
                .orElseThrow(() -> new RuleViolation(null, "content.error.notPublished"));
        Instant now = Instant.now(clock);
        Edition next = new Edition(documentId, all.get(0).getNumber() + 1, me.id(), now);
        Edition.Fields f = published.fields();
        next.edit(new Edition.Fields(f.title(), f.documentNumber(), f.writtenOn(), f.summary(), f.keywords(), f.catalogueNodeId(),
                f.topic(), f.genre(), f.audience(), f.disclosureAttribute(), f.sanitisedBodyHtml(), null, false, f.emergency()), now);
        editions.saveAndFlush(next);
        jdbc.update("""
                insert into edition_attachment (edition_id, position, filename, media_type, size_bytes, sha256, content, uploaded_by,
                                                uploaded_at, scan_state, scan_findings)
                select ?, position, filename, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at, scan_state, scan_findings
                from edition_attachment where edition_id = ?""", next.getId(), published.getId());
        jdbc.update("""
                insert into edition_relation (edition_id, position, related_document_id, relation)
                select ?, position, related_document_id, relation from edition_relation where edition_id = ?""",
                next.getId(), published.getId());
        audit.record("edition.created", "edition", next.getId(), "第" + next.getNumber() + "版，复制自已发布版本");
        return toView(next);
    }

    /** The workflow takes the edition under a row lock to change its state. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Edition lockForWorkflow(long editionId) {
        return editions.findForUpdate(editionId).orElseThrow(NotFoundException::new);
    }

    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<Edition> publishedEditionOf(long documentId, long exceptEditionId) {
        return editions.findByDocumentIdOrderByNumberDesc(documentId).stream()
                .filter(e -> e.getState() == EditionState.PUBLISHED && e.getId() != exceptEditionId).findFirst();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private Edition.Fields check(DraftInput in) {
        CatalogueNode node = in.catalogueNodeId() == null ? null : nodes.findById(in.catalogueNodeId()).orElse(null);
        if (node == null || node.isRetired()) {
            throw new RuleViolation("catalogueNodeId", "content.error.node");
        }
        // 成文日期 is a Beijing date: compare with Beijing's today, not the server zone's (UTC evenings are the next day there)
        if (in.writtenOn() != null && in.writtenOn().isAfter(LocalDate.now(clock))) {
            throw new RuleViolation("writtenOn", "content.error.writtenOnFuture");
        }
        String body = BodySanitizer.sanitise(in.bodyHtml());
        return new Edition.Fields(in.title().strip(), blank(in.documentNumber()), in.writtenOn(), blank(in.summary()),
                blank(in.keywords()), node.getId(), blank(in.topic()), blank(in.genre()), blank(in.audience()),
                in.disclosureAttribute() == null || in.disclosureAttribute().isBlank() ? "主动公开" : in.disclosureAttribute(),
                body, blank(in.changeNote()), in.minorChange(), in.emergency());
    }

    /**
     * The documents typed into the form, each by 索引号, public address or id; only published (or withdrawn, still public)
     * documents other than this one can be related, since the public page links to them.
     */
    private List<RelatedDocument> resolve(List<RelatedInput> inputs, Long ownDocumentId) {
        List<RelatedDocument> found = new java.util.ArrayList<>();
        for (RelatedInput in : inputs == null ? List.<RelatedInput>of() : inputs) {
            if (in == null || in.reference() == null || in.reference().isBlank()) {
                continue;
            }
            if (in.relation() == null || found.size() == MAX_RELATED) {
                throw new RuleViolation("relatedReference", "content.error.relatedChoice");
            }
            String reference = in.reference().strip();
            java.util.regex.Matcher m = PUBLIC_ID.matcher(reference);
            String publicId = m.find() ? m.group(1) : null;
            List<RelatedDocument> matches = jdbc.query("""
                    select d.id, d.public_id, e.title from document d join edition e on e.document_id = d.id
                    where e.state in ('PUBLISHED', 'WITHDRAWN')
                      and (d.public_id = ? or d.public_id = ?)
                    order by e.number desc limit 1""",
                    (rs, n) -> new RelatedDocument(rs.getLong(1), rs.getString(2), rs.getString(3), in.relation()), publicId,
                    published.documentIdOf(reference).orElse(null));
            if (matches.isEmpty()) {
                throw new RuleViolation("relatedReference", "content.error.relatedUnknown");
            }
            RelatedDocument doc = matches.get(0);
            if (doc.documentId() == (ownDocumentId == null ? -1 : ownDocumentId)
                    || found.stream().anyMatch(f -> f.documentId() == doc.documentId())) {
                throw new RuleViolation("relatedReference", "content.error.relatedDuplicate");
            }
            found.add(doc);
        }
        return found;
    }

    private void saveRelated(long editionId, List<RelatedDocument> related) {
        jdbc.update("delete from edition_relation where edition_id = ?", editionId);
        for (int i = 0; i < related.size(); i++) {
            jdbc.update("insert into edition_relation (edition_id, position, related_document_id, relation) values (?, ?, ?, ?)",
                    editionId, i + 1, related.get(i).documentId(), related.get(i).relation().name());
        }
    }

    /** The related documents of editions, each with the title of its latest public edition: one query for a whole list. */
    private Map<Long, List<RelatedDocument>> relatedOf(List<Long> editionIds) {
        Map<Long, List<RelatedDocument>> related = new java.util.HashMap<>();
        if (editionIds.isEmpty()) {
            return related;
        }
        jdbc.query("""
                select r.edition_id, d.id, d.public_id, r.relation,
                       (select e.title from edition e where e.document_id = d.id and e.state in ('PUBLISHED', 'WITHDRAWN', 'UNPUBLISHED')
                        order by e.number desc limit 1) as title
                from edition_relation r join document d on d.id = r.related_document_id
                where r.edition_id = any(?) order by r.edition_id, r.position""", rs -> {
            related.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new RelatedDocument(rs.getLong(2),
                    rs.getString(3), rs.getString(5), RelatedDocument.Relation.valueOf(rs.getString(4))));
        }, (Object) editionIds.toArray(Long[]::new));
        return related;
    }

    /** Views of many editions in a fixed number of queries, whatever their number (documents, nodes, departments at once). */
    private List<EditionView> toViews(List<Edition> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<Long, List<RelatedDocument>> related = relatedOf(list.stream().map(Edition::getId).toList());
        Map<Long, ContentDocument> byId = new java.util.HashMap<>();
        documents.findAllById(list.stream().map(Edition::getDocumentId).distinct().toList()).forEach(d -> byId.put(d.getId(), d));
        Map<Long, CatalogueNode> nodeById = new java.util.HashMap<>();
        nodes.findAllById(list.stream().map(Edition::getCatalogueNodeId).distinct().toList()).forEach(n -> nodeById.put(n.getId(), n));
        Map<Long, String> departments = new java.util.HashMap<>();
        identity.departmentViews().forEach(d -> departments.put(d.id(), d.name()));
        return list.stream().map(e -> toView(e, byId.get(e.getDocumentId()), nodeById.get(e.getCatalogueNodeId()),
                departments, related.getOrDefault(e.getId(), List.of()))).toList();
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String newPublicId() {
        while (true) {
            StringBuilder id = new StringBuilder(10);
            for (int i = 0; i < 10; i++) {
                id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
            }
            if (!documents.existsByPublicId(id.toString())) {
                return id.toString();
            }
        }
    }

    private EditionView toView(Edition e) {
        return toViews(List.of(e)).get(0);
    }

    private static EditionView toView(Edition e, ContentDocument d, CatalogueNode node, Map<Long, String> departments,
                                      List<RelatedDocument> related) {
        String department = departments.getOrDefault(d.getDepartmentId(), "");
        return new EditionView(e.getId(), d.getId(), d.getPublicId(), e.getNumber(), e.getState(), d.getDepartmentId(), department,
                e.getTitle(), e.getDocumentNumber(), e.getWrittenOn(), e.getSummary(), e.getKeywords(), node.getId(), node.getCode(),
                node.getName(), node.isApprovalRequired(), e.getTopic(), e.getGenre(), e.getAudience(), e.getDisclosureAttribute(),
                e.getBodyHtml(), e.getChangeNote(), e.isMinorChange(), e.isEmergency(), e.getCreatedBy(), e.getUpdatedAt(),
                e.getVersion(), related);
    }
}
