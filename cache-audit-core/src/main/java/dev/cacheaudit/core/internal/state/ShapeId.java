package dev.cacheaudit.core.internal.state;

import dev.cacheaudit.core.keys.KeyDescriptor;

/**
 * A key shape together with the key type: {@code Long {n}} and {@code String {n}} are different shapes.
 *
 * @param type the simple name of the key class
 * @param shape the printed shape
 */
public record ShapeId(String type, String shape) {

    public static ShapeId of(KeyDescriptor key) {
        return new ShapeId(key.type(), key.shape().shape());
    }
}
