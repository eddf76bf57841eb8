/**
 * The servers this build's integration tests run against, found once for every module's tests: the local one, a
 * container, or a skip with a message that says why.
 */
@NullMarked
package dev.cacheaudit.testsupport;

import org.jspecify.annotations.NullMarked;
