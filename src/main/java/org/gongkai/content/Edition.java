package org.gongkai.content;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One edition of a document: its metadata, sanitised body and workflow state. */
@Entity
@Table(name = "edition")
public class Edition {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "document_id", nullable = false)
    private Long documentId;
    @Column(nullable = false)
    private int number;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EditionState state = EditionState.DRAFT;
    @Column(nullable = false)
    private String title;
    @Column(name = "document_number")
    private String documentNumber;
    @Column(name = "written_on")
    private LocalDate writtenOn;
    private String summary;
    private String keywords;
    @Column(name = "catalogue_node_id", nullable = false)
    private Long catalogueNodeId;
    private String topic;
    private String genre;
    private String audience;
    @Column(name = "disclosure_attribute", nullable = false)
    private String disclosureAttribute = "主动公开";
    @Column(name = "body_html", nullable = false)
    private String bodyHtml = "";
    @Column(name = "change_note")
    private String changeNote;
    @Column(name = "minor_change", nullable = false)
    private boolean minorChange;
    @Column(nullable = false)
    private boolean emergency;
    @Column(name = "created_by", nullable = false)
    private Long createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Edition() {
    }

    public Edition(Long documentId, int number, Long createdBy, Instant now) {
        this.documentId = documentId;
        this.number = number;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The editable metadata and body of an edition; the body must already be sanitised. */
    public record Fields(String title, String documentNumber, LocalDate writtenOn, String summary, String keywords,
                         Long catalogueNodeId, String topic, String genre, String audience, String disclosureAttribute,
                         String sanitisedBodyHtml, String changeNote, boolean minorChange, boolean emergency) {
    }

    public void edit(Fields f, Instant now) {
        if (state != EditionState.DRAFT) {
            throw new IllegalStateException("only a draft can be edited");
        }
        this.title = f.title();
        this.documentNumber = f.documentNumber();
        this.writtenOn = f.writtenOn();
        this.summary = f.summary();
        this.keywords = f.keywords();
        this.catalogueNodeId = f.catalogueNodeId();
        this.topic = f.topic();
        this.genre = f.genre();
        this.audience = f.audience();
        this.disclosureAttribute = f.disclosureAttribute();
        this.bodyHtml = f.sanitisedBodyHtml();
        this.changeNote = f.changeNote();
        this.minorChange = f.minorChange();
        this.emergency = f.emergency();
        this.updatedAt = now;
    }

    /**
     * Moves the edition along one row of the transition table; refuses when the edition is not in one of the row's starting
     * states. Called only by the workflow feature, after its rules allowed the action.
     */
    public void apply(EditionTransition transition) {
        if (!transition.from().contains(state)) {
            throw new IllegalStateException("edition " + id + " is " + state + "; " + transition.name() + " starts from "
                    + transition.from());
        }
        this.state = transition.to();
    }

    public Fields fields() {
        return new Fields(title, documentNumber, writtenOn, summary, keywords, catalogueNodeId, topic, genre, audience,
                disclosureAttribute, bodyHtml, changeNote, minorChange, emergency);
    }

    public Long getId() { return id; }
    public Long getDocumentId() { return documentId; }
    public int getNumber() { return number; }
    public EditionState getState() { return state; }
    public String getTitle() { return title; }
    public String getDocumentNumber() { return documentNumber; }
    public LocalDate getWrittenOn() { return writtenOn; }
    public String getSummary() { return summary; }
    public String getKeywords() { return keywords; }
    public Long getCatalogueNodeId() { return catalogueNodeId; }
    public String getTopic() { return topic; }
    public String getGenre() { return genre; }
    public String getAudience() { return audience; }
    public String getDisclosureAttribute() { return disclosureAttribute; }
    public String getBodyHtml() { return bodyHtml; }
    public String getChangeNote() { return changeNote; }
    public boolean isMinorChange() { return minorChange; }
    public boolean isEmergency() { return emergency; }
    public Long getCreatedBy() { return createdBy; }
    public Instant getUpdatedAt() { return updatedAt; }
    public long getVersion() { return version; }
}
