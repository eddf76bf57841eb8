package dev.cacheaudit.core.fleet;

/** Carries encoded fleet messages to the other instances; implemented over Redis pub/sub by the starter. */
@FunctionalInterface
public interface FleetTransport {

    /**
     * Sends one encoded message. Called on the fleet's own thread only; may block for one round trip.
     *
     * @throws RuntimeException when the message could not be sent (the fleet pauses and counts it)
     */
    void publish(String payload);

    /**
     * Starts receiving (subscribes) and returns the key the fleet shares for fingerprints. Called on the fleet's own
     * thread before anything is sent, and again after a failure until it succeeds.
     *
     * @throws RuntimeException when Redis cannot be reached (the fleet stays paused and tries again later)
     */
    default byte[] connect() {
        throw new IllegalStateException("This transport needs a fleet key given up front");
    }
}
