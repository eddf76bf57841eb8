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
}
