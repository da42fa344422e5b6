package org.gongkai.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A column of the 信息公开目录; its code is stable and used in URLs and QR codes. */
@Entity
@Table(name = "catalogue_node")
public class CatalogueNode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, unique = true)
    private String code;
    @Column(nullable = false)
    private String name;
    @Column(name = "parent_id")
    private Long parentId;
    @Column(nullable = false)
    private int position;
    @Column(nullable = false)
    private String description = "";
    @Column(name = "approval_required", nullable = false)
    private boolean approvalRequired;
    @Column(nullable = false)
    private boolean retired;
    @Version
    private long version;

    protected CatalogueNode() {
    }

    public CatalogueNode(String code, String name, Long parentId, int position, String description, boolean approvalRequired) {
        this.code = code;
        this.name = name;
        this.parentId = parentId;
        this.position = position;
        this.description = description == null ? "" : description;
        this.approvalRequired = approvalRequired;
    }

    public void change(String name, Long parentId, int position, String description, boolean approvalRequired, boolean retired) {
        this.name = name;
        this.parentId = parentId;
        this.position = position;
        this.description = description == null ? "" : description.strip();
        this.approvalRequired = approvalRequired;
        this.retired = retired;
    }

    public long getVersion() { return version; }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public Long getParentId() { return parentId; }
    public int getPosition() { return position; }
    public String getDescription() { return description; }
    public boolean isApprovalRequired() { return approvalRequired; }
    public boolean isRetired() { return retired; }
}
