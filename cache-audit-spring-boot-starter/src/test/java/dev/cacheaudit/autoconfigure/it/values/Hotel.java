package dev.cacheaudit.autoconfigure.it.values;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Written as many entities are: no equals, an eager collection and a lazy one. */
@Entity
public class Hotel implements Serializable {

    @Id
    private Long id;

    private String name;

    private String city;

    @OneToMany(mappedBy = "hotel", fetch = FetchType.EAGER)
    private List<Room> rooms = new ArrayList<>();

    @ElementCollection
    private Set<String> amenities = new HashSet<>();

    protected Hotel() {}

    public Hotel(Long id, String name, String city) {
        this.id = id;
        this.name = name;
        this.city = city;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCity() {
        return city;
    }

    public List<Room> getRooms() {
        return rooms;
    }

    public Set<String> getAmenities() {
        return amenities;
    }
}
