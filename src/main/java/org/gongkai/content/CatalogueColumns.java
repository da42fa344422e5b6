package org.gongkai.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.gongkai.content.internal.CatalogueNodeRepository;
import org.gongkai.infrastructure.NotFoundException;
import org.gongkai.support.Kept;
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

    /**
     * The columns in use, ordered by parent, position and id. Public pages read them on every request, so they are read once
     * and kept until the catalogue or anything public changes (this node's {@link CatalogueChanged} after its commit, or
     * {@link org.gongkai.infrastructure.PublicChangeObserved} from any node). No transaction of its own: a page that finds
     * them kept pays for none (the repository's read has its own when they are read again).
     */
    public List<CatalogueColumn> columns() {
        return columns.get();
    }

    private final Kept<List<CatalogueColumn>> columns = new Kept<>(this::readColumns);

    private List<CatalogueColumn> readColumns() {
        List<CatalogueNode> all = nodes.findByRetiredFalseOrderByParentIdAscPositionAscIdAsc();
        Map<Long, String> codes = all.stream().collect(Collectors.toMap(CatalogueNode::getId, CatalogueNode::getCode));
        return all.stream().map(n -> new CatalogueColumn(n.getCode(), n.getName(), n.getDescription(),
                n.getParentId() == null ? null : codes.get(n.getParentId()))).toList();
    }

    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void forget(CatalogueChanged changed) {
        columns.forget();
    }

    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void forget(org.gongkai.infrastructure.PublicChangeObserved observed) {
        columns.forget();
    }

    /** The top columns in use. */
    public List<CatalogueColumn> topColumns() {
        return columns().stream().filter(c -> c.parentCode() == null).toList();
    }

    /** A column in use. */
    public Optional<CatalogueColumn> column(String code) {
        return columns().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The columns in use directly below a column. */
    public List<CatalogueColumn> children(String code) {
        return columns().stream().filter(c -> code.equals(c.parentCode())).toList();
    }

    /** The id of the column with the code (retired or not), e.g. to file a draft in it. */
    @Transactional(readOnly = true)
    public long nodeId(String code) {
        return nodes.findByCode(code).map(CatalogueNode::getId).orElseThrow(NotFoundException::new);
    }
}
