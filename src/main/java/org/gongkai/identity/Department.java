package org.gongkai.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A department (科室) of the commission; its credit code prefixes the index numbers (索引号) of what it publishes. */
@Entity
@Table(name = "department")
public class Department {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "short_name", nullable = false)
    private String shortName;

    @Column(name = "credit_code", nullable = false)
    private String creditCode;

    @Column(name = "parent_id")
    private Long parentId;

    @Column(nullable = false)
    private boolean active = true;

    @Version
    private long version;

    protected Department() {
    }

    public Department(String name, String shortName, String creditCode, Long parentId) {
        this.name = name;
        this.shortName = shortName;
        this.creditCode = creditCode;
        this.parentId = parentId;
    }

    public void change(String name, String shortName, String creditCode, Long parentId, boolean active) {
        this.name = name;
        this.shortName = shortName;
        this.creditCode = creditCode;
        this.parentId = parentId;
        this.active = active;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getShortName() { return shortName; }
    public String getCreditCode() { return creditCode; }
    public Long getParentId() { return parentId; }
    public boolean isActive() { return active; }
    public long getVersion() { return version; }
}
