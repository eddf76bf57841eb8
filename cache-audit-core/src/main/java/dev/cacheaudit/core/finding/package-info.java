@NullMarked
package dev.cacheaudit.core.finding;

import org.jspecify.annotations.NullMarked;
