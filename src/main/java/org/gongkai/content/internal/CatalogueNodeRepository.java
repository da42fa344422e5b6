package org.gongkai.content.internal;

import java.util.List;
import java.util.Optional;

import org.gongkai.content.CatalogueNode;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CatalogueNodeRepository extends JpaRepository<CatalogueNode, Long> {

    Optional<CatalogueNode> findByCode(String code);

    List<CatalogueNode> findByRetiredFalseOrderByParentIdAscPositionAscIdAsc();
}
