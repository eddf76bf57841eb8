@NullMarked
package dev.cacheaudit.core.keys;

import org.jspecify.annotations.NullMarked;
