@NullMarked
package dev.cacheaudit.autoconfigure.tx;

import org.jspecify.annotations.NullMarked;
