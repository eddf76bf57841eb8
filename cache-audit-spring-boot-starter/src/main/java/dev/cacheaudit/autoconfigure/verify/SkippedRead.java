package dev.cacheaudit.autoconfigure.verify;

/** A source read that was not made, or whose answer is not believed, and why. */
public final class SkippedRead extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    SkippedRead(SkipReason reason) {
        super(reason.description(), null, false, false);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
