package dev.cacheaudit.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class KeyShapePropertyTests {

    @Property(tries = 300)
    void aNumericIdAfterAPrefixIsAVariableAndDoesNotChangeTheShape(
            @ForAll("prefixes") String prefix,
            @ForAll("separators") String separator,
            @ForAll @LongRange(min = 0) long id,
            @ForAll @LongRange(min = 0) long otherId) {
        KeyShape shape = KeyShape.of(prefix + separator + id);

        assertThat(shape.variables()).containsExactly(String.valueOf(id));
        assertThat(shape.shape()).isEqualTo(prefix + separator + "{n}");
        assertThat(KeyShape.of(prefix + separator + otherId).shape()).isEqualTo(shape.shape());
    }

    @Property(tries = 200)
    void aUuidAfterAPrefixIsAVariableAndDoesNotChangeTheShape(
            @ForAll("prefixes") String prefix,
            @ForAll("separators") String separator,
            @ForAll("uuids") String id,
            @ForAll("uuids") String otherId) {
        KeyShape shape = KeyShape.of(prefix + separator + id);

        assertThat(shape.variables()).containsExactly(id);
        assertThat(shape.shape()).isEqualTo(prefix + separator + "{uuid}");
        assertThat(KeyShape.of(prefix + separator + otherId).shape()).isEqualTo(shape.shape());
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> separators() {
        // '-' is left out on purpose: see KeyShapeTests.aDashSeparatorIsNotPartOfTheNumberThatFollowsIt.
        return Arbitraries.of(":", "::", "/", "|", "#", ".", "=", " ", "_");
    }

    @Provide
    Arbitrary<String> uuids() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }
}
