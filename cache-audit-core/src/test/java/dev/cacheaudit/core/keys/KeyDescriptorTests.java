package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDescriptorTests {

    /** A composite key type the core does not know. */
    record OrderLineKey(long order, String sku) {}

    private static final KeyDecomposer ORDER_LINES =
            key -> key instanceof OrderLineKey k ? List.of(k.order(), k.sku()) : null;

    @Test
    void aDecomposerOpensACompositeKeyIntoItsPrintedComponents() {
        OrderLineKey key = new OrderLineKey(42, "SKU-A");

        KeyDescriptor descriptor = KeyDescriptor.of(key, ORDER_LINES);

        assertThat(descriptor.type()).isEqualTo("OrderLineKey");
        assertThat(descriptor.printed()).isEqualTo("OrderLineKey[order=42, sku=SKU-A]");
        assertThat(descriptor.composite()).isTrue();
        assertThat(descriptor.components()).containsExactly("42", "SKU-A");
        assertThat(descriptor.shape()).isEqualTo(KeyShape.of("OrderLineKey[order=42, sku=SKU-A]"));
    }

    @Test
    void aKeyTheDecomposerDoesNotKnowIsItsOwnOnlyComponent() {
        KeyDescriptor descriptor = KeyDescriptor.of(7L, ORDER_LINES);

        assertThat(descriptor.type()).isEqualTo("Long");
        assertThat(descriptor.printed()).isEqualTo("7");
        assertThat(descriptor.composite()).isFalse();
        assertThat(descriptor.components()).containsExactly("7");
        assertThat(descriptor.shape().shape()).isEqualTo("{n}");
        assertThat(KeyDescriptor.of(new OrderLineKey(1, "x"), KeyDecomposer.NONE)
                        .composite())
                .isFalse();
    }

    @Test
    void printableRedisBytesAreDescribedAsText() {
        KeyDescriptor descriptor = KeyDescriptor.ofRedis("users::42".getBytes(StandardCharsets.UTF_8));

        assertThat(descriptor.type()).isEqualTo("bytes");
        assertThat(descriptor.printed()).isEqualTo("users::42");
        assertThat(descriptor.shape().shape()).isEqualTo("users::{n}");
        assertThat(descriptor.components()).containsExactly("users::42");
        assertThat(RedisKeys.print("café:7".getBytes(StandardCharsets.UTF_8))).isEqualTo("café:7");
    }

    @Test
    void binaryOrControlCharacterRedisBytesAreDescribedAsHex() {
        assertThat(KeyDescriptor.ofRedis(new byte[] {0x00, (byte) 0xff, 0x10}).printed())
                .isEqualTo("0x00ff10");
        // Valid UTF-8, but with a tab: not printable.
        assertThat(RedisKeys.print("a\tb".getBytes(StandardCharsets.UTF_8))).isEqualTo("0x610962");
        // A lone continuation byte is malformed UTF-8.
        assertThat(RedisKeys.print(new byte[] {'k', (byte) 0x80})).isEqualTo("0x6b80");
    }

    @Test
    void aSpringRedisCacheKeySplitsIntoCacheNameAndKey() {
        assertThat(RedisKeys.splitCacheKey("users::42")).containsExactly("users", "42");
        assertThat(RedisKeys.splitCacheKey("users::SimpleKey [a, b]::x"))
                .containsExactly("users", "SimpleKey [a, b]::x");
        assertThat(RedisKeys.splitCacheKey("users:42")).isNull();
        assertThat(RedisKeys.splitCacheKey("::42")).isNull();
    }
}
