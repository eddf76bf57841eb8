package dev.cacheaudit.sample.delivery;

import java.io.Serializable;

/**
 * A parcel as a delivery round's list shows it.
 *
 * @param id the id
 * @param roundId the delivery round carrying it
 * @param label the address label
 */
public record ParcelDto(long id, long roundId, String label) implements Serializable {}
