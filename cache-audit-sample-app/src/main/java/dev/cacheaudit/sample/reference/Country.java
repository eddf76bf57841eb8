package dev.cacheaudit.sample.reference;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.Serializable;
import org.jspecify.annotations.Nullable;

/**
 * A country, as reference data is often written: an entity without {@code equals}, so two loads of the same row are
 * never {@code equals} to each other (scenario {@code entity-no-equals}).
 */
@Entity
@Table(name = "countries")
public class Country implements Serializable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false, unique = true)
    private String code = "";

    @Column(nullable = false)
    private String name = "";

    protected Country() {}

    public Country(String code, String name) {
        this.code = code;
        this.name = name;
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

    public CountryDto toDto() {
        return new CountryDto(code, name);
    }
}
