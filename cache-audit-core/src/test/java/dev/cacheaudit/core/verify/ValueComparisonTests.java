package dev.cacheaudit.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueComparisonTests {

    @Test
    void recordsThatDifferNameTheDifferingComponents() {
        ValueComparison.Result result = ValueComparison.compare(new Item("a", 1, "x"), new Item("b", 1, "y"), Set.of());

        assertThat(result.verdict()).isEqualTo(ValueComparison.Verdict.STALE);
        assertThat(result.differingFields()).containsExactly("name", "note");
    }

    @Test
    void ignoredFieldsDoNotCount() {
        assertThat(ValueComparison.compare(new Item("a", 1, "x"), new Item("a", 1, "y"), Set.of("note"))
                        .verdict())
                .isEqualTo(ValueComparison.Verdict.FRESH);
    }

    @Test
    void versionFieldDecidesFirst() {
        assertThat(ValueComparison.compare(new Versioned(1, "a"), new Versioned(1, "b"), Set.of())
                        .verdict())
                .isEqualTo(ValueComparison.Verdict.FRESH);
        assertThat(ValueComparison.compare(new Versioned(1, "a"), new Versioned(2, "a"), Set.of())
                        .differingFields())
                .containsExactly("version");
    }

    @Test
    void classesWithoutEqualsAreComparedFieldByField() {
        assertThat(ValueComparison.compare(new Bean("a"), new Bean("a"), Set.of())
                        .verdict())
                .isEqualTo(ValueComparison.Verdict.FRESH);
        assertThat(ValueComparison.compare(new Bean("a"), new Bean("b"), Set.of())
                        .differingFields())
                .containsExactly("name");
    }

    @Test
    void equalsThatThrowsIsInconclusiveNotACrash() {
        assertThat(ValueComparison.compare(new Throwing(), new Throwing(), Set.of())
                        .verdict())
                .isEqualTo(ValueComparison.Verdict.INCONCLUSIVE);
    }

    @Test
    void nullOnOneSideIsStale() {
        assertThat(ValueComparison.compare(null, "x", Set.of()).verdict()).isEqualTo(ValueComparison.Verdict.STALE);
        assertThat(ValueComparison.compare(null, null, Set.of()).verdict()).isEqualTo(ValueComparison.Verdict.FRESH);
    }

    record Item(String name, int count, String note) {}

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Version {}

    static final class Versioned {

        @Version
        final long version;

        final String name;

        Versioned(long version, String name) {
            this.version = version;
            this.name = name;
        }
    }

    static final class Bean {

        final String name;

        Bean(String name) {
            this.name = name;
        }
    }

    static final class Throwing {

        final Object self = this;

        @Override
        public boolean equals(Object other) {
            throw new IllegalStateException("broken equals");
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
