@NullMarked
package dev.cacheaudit.autoconfigure.data;

import org.jspecify.annotations.NullMarked;
