package org.gongkai.identity.internal;

import java.util.List;
import java.util.Optional;

import org.gongkai.identity.Department;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DepartmentRepository extends JpaRepository<Department, Long> {

    List<Department> findAllByOrderByIdAsc();

    Optional<Department> findByName(String name);

    boolean existsByNameAndIdNot(String name, Long id);

}
