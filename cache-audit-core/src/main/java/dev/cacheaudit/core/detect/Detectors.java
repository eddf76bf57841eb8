package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.keys.KeyRedactor;
import java.util.List;

/** The detectors cache-audit runs unless told otherwise. */
public final class Detectors {

    private Detectors() {}

    /** A new instance of every built-in detector, showing keys through the given redactor. */
    public static List<Detector> defaults(KeyRedactor redactor) {
        return List.of(
                new KeyMismatchDetector(redactor),
                new CacheNameMismatchDetector(redactor),
                new WireKeyMismatchDetector(redactor));
    }
}
