package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.delivery.ParcelTable;
import java.util.Objects;
import org.springframework.cache.annotation.CacheEvict;

/**
 * The bug of {@code list-old-parent}: the move evicts the list of the round the parcel joins, which the statement
 * names, and forgets the list of the round it leaves, which still shows it.
 */
class NewRoundEvictingParcelMoves implements ParcelMoves {

    private final ParcelTable parcels;

    NewRoundEvictingParcelMoves(ParcelTable parcels) {
        this.parcels = Objects.requireNonNull(parcels, "parcels");
    }

    @Override
    @CacheEvict(cacheNames = CacheNames.ROUND_PARCELS, key = "#roundId")
    public void move(long parcelId, long roundId) {
        parcels.move(parcelId, roundId);
    }
}
