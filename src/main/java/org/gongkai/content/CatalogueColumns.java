package org.gongkai.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gongkai.content.internal.CatalogueNodeRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 信息公开目录 as other modules may read it: {@link CatalogueColumn} views of the columns in use (retired ones left out), never
 * the {@link CatalogueNode} entity, which only content's own services change.
 */
@Service
public class CatalogueColumns {

    /** A column in use; {@code parentCode} is null for a top column (or one whose parent is retired). */
    public record CatalogueColumn(String code, String name, String description, String parentCode) {
    }

    private final CatalogueNodeRepository nodes;

    CatalogueColumns(CatalogueNodeRepository nodes) {
        this.nodes = nodes;
    }

    /** The columns in use, ordered by parent, position and id. */
    @Transactional(readOnly = true)
    public List<CatalogueColumn> columns() {
        List<CatalogueNode> all = nodes.findByRetiredFalseOrderByParentIdAscPositionAscIdAsc();
        Map<Long, String> codes = all.stream().collect(Collectors.toMap(CatalogueNode::getId, CatalogueNode::getCode));
        return all.stream().map(n -> new CatalogueColumn(n.getCode(), n.getName(), n.getDescription(),
                n.getParentId() == null ? null : codes.get(n.getParentId()))).toList();
    }

    /** The top columns in use. */
    @Transactional(readOnly = true)
    public List<CatalogueColumn> topColumns() {
        return columns().stream().filter(c -> c.parentCode() == null).toList();
    }

    /** A column in use. */
    @Transactional(readOnly = true)
    public Optional<CatalogueColumn> column(String code) {
        return columns().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The columns in use directly below a column. */
    @Transactional(readOnly = true)
    public List<CatalogueColumn> children(String code) {
        return columns().stream().filter(c -> code.equals(c.parentCode())).toList();
    }

    /** The id of the column with the code (retired or not), e.g. to file a draft in it. */
    @Transactional(readOnly = true)
    public long nodeId(String code) {
        return nodes.findByCode(code).map(CatalogueNode::getId).orElseThrow(NotFoundException::new);
    }
}
