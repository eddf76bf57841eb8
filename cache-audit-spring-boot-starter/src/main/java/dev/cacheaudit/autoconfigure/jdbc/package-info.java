/**
 * JDBC-level recording for lineage: the application's {@code DataSource} beans wrapped with datasource-proxy, the
 * statements parsed with JSqlParser on the engine thread.
 */
@NullMarked
package dev.cacheaudit.autoconfigure.jdbc;

import org.jspecify.annotations.NullMarked;
