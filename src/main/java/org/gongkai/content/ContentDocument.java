package org.gongkai.content;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A document: stateless, owned by a department, known to the public by its public id; its editions hold the content. */
@Entity
@Table(name = "document")
public class ContentDocument {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "public_id", nullable = false, unique = true)
    private String publicId;
    @Column(name = "department_id", nullable = false)
    private Long departmentId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ContentDocument() {
    }

    public ContentDocument(String publicId, Long departmentId, Instant createdAt) {
        this.publicId = publicId;
        this.departmentId = departmentId;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public String getPublicId() { return publicId; }
    public Long getDepartmentId() { return departmentId; }
    public Instant getCreatedAt() { return createdAt; }
}
