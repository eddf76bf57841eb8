/** Shop items with their stock: entity and repository, read and written by the verification scenarios only. */
@NullMarked
package dev.cacheaudit.sample.item;

import org.jspecify.annotations.NullMarked;
