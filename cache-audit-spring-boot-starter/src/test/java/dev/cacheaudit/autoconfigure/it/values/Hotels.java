package dev.cacheaudit.autoconfigure.it.values;

import java.util.List;
import org.hibernate.Hibernate;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;

/** Caches entities the way applications do: one, a list, a page, one with its lazy collection loaded, a DTO. */
@Transactional(readOnly = true)
public class Hotels {

    private final HotelRepository hotels;

    private final RoomRepository rooms;

    public Hotels(HotelRepository hotels, RoomRepository rooms) {
        this.hotels = hotels;
        this.rooms = rooms;
    }

    @Cacheable("hotels")
    public Hotel hotel(Long id) {
        return hotels.findById(id).orElseThrow();
    }

    @Cacheable("hotelsWithAmenities")
    public Hotel withAmenities(Long id) {
        Hotel hotel = hotels.findById(id).orElseThrow();
        Hibernate.initialize(hotel.getAmenities());
        return hotel;
    }

    @Cacheable("hotelsByCity")
    public List<Hotel> inCity(String city) {
        return hotels.findByCity(city);
    }

    @Cacheable("hotelPages")
    public Page<Hotel> page(String city, int page) {
        return hotels.findByCity(city, PageRequest.of(page, 2, Sort.by("id")));
    }

    @Cacheable("rooms")
    public Room room(Long id) {
        return rooms.findById(id).orElseThrow();
    }

    @Cacheable("hotelViews")
    public HotelView view(Long id) {
        Hotel hotel = hotels.findById(id).orElseThrow();
        return new HotelView(
                hotel.getId(),
                hotel.getName(),
                hotel.getRooms().stream().map(Room::getLabel).sorted().toList());
    }

    /** A DTO record: its equals is structural. */
    public record HotelView(Long id, String name, List<String> roomLabels) implements java.io.Serializable {}
}
