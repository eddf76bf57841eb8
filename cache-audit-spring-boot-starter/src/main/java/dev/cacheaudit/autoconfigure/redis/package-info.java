@NullMarked
package dev.cacheaudit.autoconfigure.redis;

import org.jspecify.annotations.NullMarked;
