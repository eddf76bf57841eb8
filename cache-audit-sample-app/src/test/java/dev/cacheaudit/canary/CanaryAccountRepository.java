package dev.cacheaudit.canary;

import org.springframework.data.jpa.repository.JpaRepository;

interface CanaryAccountRepository extends JpaRepository<CanaryAccount, String> {}
