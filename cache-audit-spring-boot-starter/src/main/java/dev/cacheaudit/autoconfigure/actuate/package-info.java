@NullMarked
package dev.cacheaudit.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
