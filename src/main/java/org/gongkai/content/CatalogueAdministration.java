package org.gongkai.content;

import java.util.List;
import java.util.Map;

import org.gongkai.audit.AuditTrail;
import org.gongkai.content.internal.CatalogueNodeRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.qr.QrCodes;
import org.gongkai.support.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SYSADMIN keeps the 信息公开目录 and the code lists: create, rename, move, reorder and retire columns (a column with items is
 * never deleted, only retired, because its code is in URLs and printed QR codes), and add or retire code-list values.
 */
@Service
@PreAuthorize("hasRole('SYSADMIN')")
public class CatalogueAdministration {

    public enum CodeList { TOPIC, GENRE, AUDIENCE, ATTRIBUTE }

    public record CodeItem(long id, CodeList list, String value, String note, int position, boolean active) {
    }

    public record NodeCommand(String code, String name, Long parentId, int position, String description, boolean approvalRequired,
                              boolean retired) {
    }

    private final CatalogueNodeRepository nodes;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final QrCodes qrCodes;

    CatalogueAdministration(CatalogueNodeRepository nodes, JdbcTemplate jdbc, AuditTrail audit, ApplicationEventPublisher events,
                            QrCodes qrCodes) {
        this.qrCodes = qrCodes;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<CatalogueNode> allNodes() {
        // in tree order: each column followed by its sub-columns
        List<CatalogueNode> all = nodes.findAll(org.springframework.data.domain.Sort.by("position", "id"));
        List<CatalogueNode> ordered = new java.util.ArrayList<>();
        java.util.function.Consumer<Long>[] addChildren = new java.util.function.Consumer[1];
        addChildren[0] = parent -> all.stream().filter(n -> java.util.Objects.equals(n.getParentId(), parent)).forEach(n -> {
            ordered.add(n);
            addChildren[0].accept(n.getId());
        });
        addChildren[0].accept(null);
        all.stream().filter(n -> !ordered.contains(n)).forEach(ordered::add);
        return ordered;
    }

    @Transactional
    public CatalogueNode create(NodeCommand c) {
        String code = c.code() == null ? "" : c.code().strip();
        if (!code.matches("[a-z0-9][a-z0-9-]{1,39}")) {
            throw new RuleViolation("code", "catalogue.error.code");
        }
        if (nodes.findByCode(code).isPresent()) {
            throw new RuleViolation("code", "catalogue.error.codeTaken");
        }
        checkName(c.name());
        checkParent(null, c.parentId());
        CatalogueNode node = nodes.save(new CatalogueNode(code, c.name().strip(), c.parentId(), c.position(), c.description(),
                c.approvalRequired()));
        audit.record("catalogue.created", "catalogue", code, c.name().strip());
        events.publishEvent(new CatalogueChanged(code));
        return node;
    }

    /** Renames, moves, reorders or retires a column; its code never changes. */
    @Transactional
    public void update(long id, NodeCommand c) {
        CatalogueNode node = nodes.findById(id).orElseThrow(NotFoundException::new);
        checkName(c.name());
        checkParent(id, c.parentId());
        String before = node.getName() + (node.isRetired() ? "（已停用）" : "");
        node.change(c.name().strip(), c.parentId(), c.position(), c.description(), c.approvalRequired(), c.retired());
        audit.record("catalogue.changed", "catalogue", node.getCode(), before + " → " + c.name().strip() + (c.retired() ? "（已停用）" : ""));
        events.publishEvent(new CatalogueChanged(node.getCode()));
    }

    /** Deletes a column that never held an item and has no sub-columns; otherwise it can only be retired. */
    @Transactional
    public void delete(long id) {
        CatalogueNode node = nodes.findById(id).orElseThrow(NotFoundException::new);
        Integer items = jdbc.queryForObject("select count(*) from edition where catalogue_node_id = ?", Integer.class, id);
        Integer children = jdbc.queryForObject("select count(*) from catalogue_node where parent_id = ?", Integer.class, id);
        if (items > 0 || children > 0 || qrCodes.pointsAt(QrCodes.TargetType.CATALOGUE, node.getCode())) {
            throw new RuleViolation(null, "catalogue.error.inUse");
        }
        nodes.delete(node);
        audit.record("catalogue.deleted", "catalogue", node.getCode(), node.getName());
        events.publishEvent(new CatalogueChanged(node.getCode()));
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CodeItem> codes(CodeList list, boolean activeOnly) {
        return jdbc.query("select * from code_item where list = ? and (active or not ?) order by position, id",
                (rs, n) -> new CodeItem(rs.getLong("id"), CodeList.valueOf(rs.getString("list")), rs.getString("value"),
                        rs.getString("note"), rs.getInt("position"), rs.getBoolean("active")), list.name(), activeOnly);
    }

    @Transactional
    public void addCode(CodeList list, String value, String note) {
        if (value == null || value.isBlank() || value.strip().length() > 60) {
            throw new RuleViolation("value", "codes.error.value");
        }
        Integer exists = jdbc.queryForObject("select count(*) from code_item where list = ? and value = ?", Integer.class,
                list.name(), value.strip());
        if (exists > 0) {
            throw new RuleViolation("value", "codes.error.duplicate");
        }
        jdbc.update("insert into code_item (list, value, note, position) values (?, ?, ?, (select coalesce(max(position), 0) + 10 from code_item where list = ?))",
                list.name(), value.strip(), note == null ? "" : note.strip(), list.name());
        audit.record("codes.added", "codes", list.name(), value.strip());
        events.publishEvent(new CatalogueChanged(""));
    }

    @Transactional
    public void setCodeActive(long id, boolean active) {
        Map<String, Object> item = jdbc.queryForList("select list, value from code_item where id = ?", id).stream().findFirst()
                .orElseThrow(org.gongkai.infrastructure.NotFoundException::new);
        jdbc.update("update code_item set active = ? where id = ?", active, id);
        audit.record(active ? "codes.enabled" : "codes.retired", "codes", item.get("list").toString(), item.get("value").toString());
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new RuleViolation("name", "catalogue.error.name");
        }
    }

    private void checkParent(Long id, Long parentId) {
        if (parentId == null) {
            return;
        }
        Long current = parentId;
        for (int depth = 0; current != null && depth < 20; depth++) {
            if (current.equals(id)) {
                throw new RuleViolation("parentId", "catalogue.error.cycle");
            }
            current = nodes.findById(current).orElseThrow(() -> new RuleViolation("parentId", "catalogue.error.parent")).getParentId();
        }
    }
}
