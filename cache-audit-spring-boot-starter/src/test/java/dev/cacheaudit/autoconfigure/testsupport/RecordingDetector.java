package dev.cacheaudit.autoconfigure.testsupport;

import dev.cacheaudit.core.detect.Detector;
import dev.cacheaudit.core.detect.FindingSink;
import dev.cacheaudit.core.event.CacheEvent;
import dev.cacheaudit.core.internal.state.AuditView;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A detector that keeps every event it sees, so tests can assert what the recording layer handed over. */
public final class RecordingDetector implements Detector {

    private final List<CacheEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void on(CacheEvent event, AuditView state, FindingSink findings) {
        events.add(event);
    }

    public <T extends CacheEvent> Stream<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }

    public void clear() {
        events.clear();
    }
}
