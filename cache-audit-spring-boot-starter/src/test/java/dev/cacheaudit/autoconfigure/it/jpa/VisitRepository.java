package dev.cacheaudit.autoconfigure.it.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VisitRepository extends JpaRepository<Visit, Long> {}
