package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.finding.Observation;

/** Where a detector reports what it found. */
@FunctionalInterface
public interface FindingSink {

    void report(Observation observation);
}
