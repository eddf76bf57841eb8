package dev.cacheaudit.sample.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the traffic did: how many reads and writes, and which answers were stale — a read after a write that still
 * returned the old value. Used by one thread.
 */
public final class TrafficLog {

    private long reads;

    private long writes;

    private final List<String> staleAnswers = new ArrayList<>();

    /** Counts a read. */
    public <T> T read(T answer) {
        reads++;
        return answer;
    }

    /** Counts reads made elsewhere, such as by concurrent readers whose answers need no check. */
    public void reads(long count) {
        reads += count;
    }

    /** Counts a write. */
    public <T> T write(T answer) {
        writes++;
        return answer;
    }

    /** Counts a read whose answer must equal {@code expected}, and notes it when it does not. */
    public void readExpecting(String what, Object expected, Object answer) {
        reads++;
        if (!Objects.equals(expected, answer)) {
            staleAnswers.add(what + ": expected " + expected + " but got " + answer);
        }
    }

    public long reads() {
        return reads;
    }

    public long writes() {
        return writes;
    }

    /** The reads after a write that did not see it. */
    public List<String> staleAnswers() {
        return List.copyOf(staleAnswers);
    }
}
