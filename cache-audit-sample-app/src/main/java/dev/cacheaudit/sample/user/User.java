package dev.cacheaudit.sample.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A user of the shop. */
@Entity
@Table(name = "users")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String email = "";

    @Column(nullable = false)
    private String name = "";

    protected User() {}

    public User(String email, String name) {
        this.email = email;
        this.name = name;
    }

    public @Nullable Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "User{id=" + id + ", email=" + email + "}";
    }

    public UserDto toDto() {
        return new UserDto(java.util.Objects.requireNonNull(id, "id"), email, name);
    }
}
