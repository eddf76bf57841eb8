package dev.cacheaudit.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread cycles through the pre-populated ids, so that every measured call is a hit. */
@State(Scope.Thread)
public class KeyCursor {

    static final int KEYS = 64;

    private int next;

    long next() {
        return next++ & (KEYS - 1);
    }
}
