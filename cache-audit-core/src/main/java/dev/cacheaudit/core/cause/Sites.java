package dev.cacheaudit.core.cause;

import org.jspecify.annotations.Nullable;

/** Write and invalidation sites as a timeline shows them: without their package. */
final class Sites {

    private Sites() {}

    /** {@code " OrderService#ship(long)"}, or nothing when the site is unknown. */
    static String by(@Nullable String site) {
        return site != null ? " " + shortSite(site) : "";
    }

    /** A site without its package: {@code OrderService#ship(long)}. */
    static String shortSite(String site) {
        int hash = site.indexOf('#');
        int dot = site.lastIndexOf('.', hash < 0 ? site.length() : hash);
        return dot >= 0 ? site.substring(dot + 1) : site;
    }
}
