package dev.cacheaudit.sample.privacy;

import org.springframework.data.jpa.repository.JpaRepository;

interface CanaryAccountRepository extends JpaRepository<CanaryAccount, String> {}
