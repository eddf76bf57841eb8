package dev.cacheaudit.canary;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An account whose identifier, name and e-mail address carry the canary marker. */
@Entity
public class CanaryAccount {

    @Id
    private String id;

    private String name;

    private String email;

    protected CanaryAccount() {}

    CanaryAccount(String id, String name, String email) {
        this.id = id;
        this.name = name;
        this.email = email;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }
}
