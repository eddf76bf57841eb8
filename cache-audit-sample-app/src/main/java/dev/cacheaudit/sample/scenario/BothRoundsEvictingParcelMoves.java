package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.CacheNames;
import dev.cacheaudit.sample.delivery.ParcelTable;
import java.util.Objects;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * The fix of {@code list-old-parent}: the round the parcel leaves is read before the move, and after the move the lists
 * of both rounds are evicted.
 */
class BothRoundsEvictingParcelMoves implements ParcelMoves {

    private final ParcelTable parcels;

    private final CacheManager caches;

    BothRoundsEvictingParcelMoves(ParcelTable parcels, CacheManager caches) {
        this.parcels = Objects.requireNonNull(parcels, "parcels");
        this.caches = Objects.requireNonNull(caches, "caches");
    }

    @Override
    public void move(long parcelId, long roundId) {
        long leftRound = parcels.roundOf(parcelId);
        parcels.move(parcelId, roundId);
        Cache cache = caches.getCache(CacheNames.ROUND_PARCELS);
        if (cache != null) {
            cache.evict(leftRound);
            cache.evict(roundId);
        }
    }
}
