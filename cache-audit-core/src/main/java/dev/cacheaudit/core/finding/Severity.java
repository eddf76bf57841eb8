package dev.cacheaudit.core.finding;

/** How serious a finding is. */
public enum Severity {
    INFO,
    WARN,
    ERROR;

    /** Whether this severity is at least as serious as {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
