package org.gongkai.content.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gongkai.content.Edition;
import org.gongkai.content.EditionState;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import jakarta.persistence.LockModeType;

public interface EditionRepository extends JpaRepository<Edition, Long> {

    @Query("select e from Edition e, ContentDocument d where d.id = e.documentId and d.departmentId in ?1 and e.state in ?2 order by e.updatedAt desc")
    List<Edition> findByDepartmentsAndStates(Collection<Long> departments, Collection<EditionState> states);

    @Query("select e from Edition e where e.state in ?1 order by e.updatedAt asc")
    List<Edition> findByStates(Collection<EditionState> states);

    List<Edition> findByDocumentIdOrderByNumberDesc(Long documentId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from Edition e where e.id = ?1")
    Optional<Edition> findForUpdate(Long id);
}
