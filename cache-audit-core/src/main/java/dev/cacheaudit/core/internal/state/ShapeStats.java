package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.keys.KeyDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How often one key shape was used by one kind of operation, with a sample key and the sites that used it. */
public final class ShapeStats {

    private static final int MAX_SITES = 4;

    private final KeyDescriptor sample;

    private final List<String> sites = new ArrayList<>(2);

    private final long firstNanos;

    private long lastNanos;

    private long count;

    ShapeStats(KeyDescriptor sample, long nanos) {
        this.sample = sample;
        this.firstNanos = nanos;
    }

    void seen(@Nullable String site, long nanos) {
        count++;
        lastNanos = nanos;
        if (site != null && sites.size() < MAX_SITES && !sites.contains(site)) {
            sites.add(site);
        }
    }

    /** The first key seen with this shape. */
    public KeyDescriptor sample() {
        return sample;
    }

    /** Up to four distinct sites that used this shape. */
    public List<String> sites() {
        return List.copyOf(sites);
    }

    public long count() {
        return count;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }
}
