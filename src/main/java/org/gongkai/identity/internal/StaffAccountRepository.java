package org.gongkai.identity.internal;

import java.util.List;
import java.util.Optional;

import org.gongkai.identity.StaffAccount;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface StaffAccountRepository extends JpaRepository<StaffAccount, Long> {

    @Query("select a from StaffAccount a where lower(a.username) = lower(?1)")
    Optional<StaffAccount> findByUsername(String username);

    List<StaffAccount> findAllByOrderByDepartmentIdAscUsernameAsc();

    List<StaffAccount> findByDepartmentIdOrderByUsernameAsc(Long departmentId);
}
