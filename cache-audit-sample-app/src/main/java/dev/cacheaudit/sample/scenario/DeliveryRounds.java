package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.delivery.ParcelDto;
import dev.cacheaudit.sample.delivery.ParcelTable;
import java.util.List;
import java.util.Objects;
import org.springframework.cache.annotation.Cacheable;

/** The parcels of each delivery round, as the drivers' app lists them (scenario {@code list-old-parent}). */
public class DeliveryRounds {

    private final ParcelTable parcels;

    DeliveryRounds(ParcelTable parcels) {
        this.parcels = Objects.requireNonNull(parcels, "parcels");
    }

    @Cacheable(cacheNames = CacheNames.ROUND_PARCELS, key = "#roundId")
    public List<ParcelDto> parcels(long roundId) {
        return parcels.parcels(roundId);
    }
}
