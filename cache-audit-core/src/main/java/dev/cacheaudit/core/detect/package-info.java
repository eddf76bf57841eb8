@NullMarked
package dev.cacheaudit.core.detect;

import org.jspecify.annotations.NullMarked;
