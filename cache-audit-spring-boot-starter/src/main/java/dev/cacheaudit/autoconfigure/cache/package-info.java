@NullMarked
package dev.cacheaudit.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
