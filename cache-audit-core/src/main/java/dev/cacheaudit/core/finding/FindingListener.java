package dev.cacheaudit.core.finding;

/** Told when a finding first appears and when its count crosses a power of ten. */
@FunctionalInterface
public interface FindingListener {

    /**
     * Called on the engine thread.
     *
     * @param finding the finding as it now stands
     * @param first whether this is its first sighting, or the first that confirmed a suspicion
     */
    void onMilestone(Finding finding, boolean first);
}
