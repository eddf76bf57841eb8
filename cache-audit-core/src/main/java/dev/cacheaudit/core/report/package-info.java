/** The {@code cache-audit-report/1} model, its JSON writer and reader. */
@NullMarked
package dev.cacheaudit.core.report;

import org.jspecify.annotations.NullMarked;
