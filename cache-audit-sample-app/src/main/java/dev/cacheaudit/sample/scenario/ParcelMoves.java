package dev.cacheaudit.sample.scenario;

/** The dispatcher's move of a parcel to another delivery round (scenario {@code list-old-parent}). */
public interface ParcelMoves {

    /** Puts the parcel on the round. */
    void move(long parcelId, long roundId);
}
