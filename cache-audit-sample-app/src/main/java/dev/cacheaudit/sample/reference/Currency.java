package dev.cacheaudit.sample.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A currency, with {@code equals} by identifier only, a convention many JPA code bases follow: a copy whose columns
 * changed is still {@code equals} to the old one (scenario {@code entity-id-equals}).
 */
@Entity
@Table(name = "currencies")
public class Currency implements Serializable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String code = "";

    @Column(nullable = false)
    private String name = "";

    @Column(nullable = false)
    private int decimals;

    protected Currency() {}

    public Currency(String code, String name, int decimals) {
        this.code = code;
        this.name = name;
        this.decimals = decimals;
    }

    public @Nullable Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public int getDecimals() {
        return decimals;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Currency currency && id != null && id.equals(currency.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
