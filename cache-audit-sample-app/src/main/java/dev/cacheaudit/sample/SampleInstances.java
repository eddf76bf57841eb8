package dev.cacheaudit.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many instances of the sample a {@code --demo} run starts in this JVM, and which one this is. The first instance
 * starts the others (separate contexts, the same Redis and database) and spreads the demo's traffic over them.
 *
 * @param instances how many instances the demo runs, from 1 to {@link #MAX}; scenario {@code local-multi} in its
 *     buggy form needs two and gets them
 * @param instance the index of this instance, from 0; the demo sets it on the instances it starts
 */
@ConfigurationProperties("sample")
public record SampleInstances(
        @DefaultValue("1") int instances, @DefaultValue("0") int instance) {

    /** The most instances one demo starts: each is a full application context in this JVM. */
    public static final int MAX = 8;

    public SampleInstances {
        if (instances < 1 || instances > MAX) {
            throw new IllegalArgumentException("Property 'sample.instances' is " + instances
                    + "; it must be between 1 and " + MAX + " (each instance is an application context in this JVM)");
        }
        if (instance < 0 || instance >= Math.max(instances, 2)) {
            throw new IllegalArgumentException(
                    "Property 'sample.instance' is " + instance + "; the demo numbers its instances from 0");
        }
    }

    /** Whether this is the instance the demo runs from (the others are started by it). */
    public boolean first() {
        return instance == 0;
    }
}
