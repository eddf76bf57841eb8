package dev.cacheaudit.sample.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A customer of the loyalty programme. The e-mail address is stored in lower case; the login as registered. */
@Entity
@Table(name = "customers")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String phone = "";

    @Column(nullable = false, unique = true)
    private String email = "";

    @Column(nullable = false, unique = true)
    private String login = "";

    @Column(nullable = false)
    private String name = "";

    protected Customer() {}

    public Customer(String phone, String email, String login, String name) {
        this.phone = phone;
        this.email = email;
        this.login = login;
        this.name = name;
    }

    public @Nullable Long getId() {
        return id;
    }

    public String getPhone() {
        return phone;
    }

    public String getEmail() {
        return email;
    }

    public String getLogin() {
        return login;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public CustomerDto toDto() {
        return new CustomerDto(Objects.requireNonNull(id, "id"), phone, email, login, name);
    }

    @Override
    public String toString() {
        return "Customer{id=" + id + "}";
    }
}
