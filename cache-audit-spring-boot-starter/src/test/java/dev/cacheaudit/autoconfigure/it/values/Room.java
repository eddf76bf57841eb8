package dev.cacheaudit.autoconfigure.it.values;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.io.Serializable;
import java.util.Objects;

/** Equal by identifier only, a convention many JPA code bases follow; its hotel is a lazy to-one. */
@Entity
public class Room implements Serializable {

    @Id
    private Long id;

    private String label;

    @ManyToOne(fetch = FetchType.LAZY)
    private Hotel hotel;

    protected Room() {}

    public Room(Long id, String label, Hotel hotel) {
        this.id = id;
        this.label = label;
        this.hotel = hotel;
    }

    public Long getId() {
        return id;
    }

    public String getLabel() {
        return label;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Room room && id != null && id.equals(room.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
