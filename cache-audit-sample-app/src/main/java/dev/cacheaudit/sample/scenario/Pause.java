package dev.cacheaudit.sample.scenario;

/** Pauses of the scenarios' traffic, which runs on the demo's thread. */
final class Pause {

    private Pause() {}

    /** Sleeps; an interrupt ends the pause early and stays set for the caller to see. */
    static void of(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
