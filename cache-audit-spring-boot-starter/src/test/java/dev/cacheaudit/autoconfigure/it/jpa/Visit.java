package dev.cacheaudit.autoconfigure.it.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A visit of an account, saved by a loader that logs its calls as entities. */
@Entity
public class Visit {

    @Id
    @GeneratedValue
    private Long id;

    private Long account;

    protected Visit() {}

    public Visit(Long account) {
        this.account = account;
    }

    public Long getId() {
        return id;
    }

    public Long getAccount() {
        return account;
    }
}
