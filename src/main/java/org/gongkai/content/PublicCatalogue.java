package org.gongkai.content;

import java.util.List;
import java.util.Optional;

import org.gongkai.content.internal.CatalogueNodeRepository;
import org.gongkai.infrastructure.PublicChangeObserved;
import org.gongkai.support.Kept;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The live catalogue as public pages show it, read once and kept until the catalogue or anything public changes (this
 * node's {@link CatalogueChanged} after its commit, or {@link PublicChangeObserved} from any node); the nodes are detached
 * and must not be changed. The console reads {@link ContentManagement#catalogue()}.
 */
@Service
public class PublicCatalogue {

    private final CatalogueNodeRepository nodes;

    private final Kept<List<CatalogueNode>> cached;

    PublicCatalogue(CatalogueNodeRepository nodes) {
        this.nodes = nodes;
        this.cached = new Kept<>(() -> List.copyOf(nodes.findByRetiredFalseOrderByParentIdAscPositionAscIdAsc()));
    }

    /** The live nodes, as {@link ContentManagement#catalogue()} orders them. */
    public List<CatalogueNode> nodes() {
        return cached.get();
    }

    /** A live node of {@link #nodes()} by its code. */
    public Optional<CatalogueNode> node(String code) {
        return nodes().stream().filter(n -> n.getCode().equals(code)).findFirst();
    }

    /** The codes of a node and all its descendants ({@link ContentManagement#codesUnder}), from {@link #nodes()}. */
    public List<String> codesUnder(String code) {
        return codesUnder(nodes(), code);
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void forget(CatalogueChanged changed) {
        cached.forget();
    }

    @EventListener
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void forget(PublicChangeObserved observed) {
        cached.forget();
    }

    static List<String> codesUnder(List<CatalogueNode> all, String code) {
        CatalogueNode root = all.stream().filter(n -> n.getCode().equals(code)).findFirst().orElse(null);
        if (root == null) {
            return List.of();
        }
        List<CatalogueNode> found = new java.util.ArrayList<>(List.of(root));
        for (int i = 0; i < found.size(); i++) {
            Long parent = found.get(i).getId();
            all.stream().filter(n -> parent.equals(n.getParentId())).forEach(found::add);
        }
        return found.stream().map(CatalogueNode::getCode).toList();
    }
}
