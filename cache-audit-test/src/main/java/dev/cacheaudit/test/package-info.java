/**
 * Testing support for cache-audit: {@link dev.cacheaudit.test.CacheAuditTest} fails Spring tests whose cache
 * operations raised findings, {@link dev.cacheaudit.test.CacheAuditAssertions} checks that reads through a cache are
 * fresh, and {@link dev.cacheaudit.core.report.HtmlReportWriter} renders a report for people.
 */
@NullMarked
package dev.cacheaudit.test;

import org.jspecify.annotations.NullMarked;
