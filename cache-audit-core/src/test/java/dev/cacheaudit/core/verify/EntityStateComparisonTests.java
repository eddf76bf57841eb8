package dev.cacheaudit.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.verify.ValueComparison.Result;
import dev.cacheaudit.core.verify.ValueComparison.Verdict;
import dev.cacheaudit.core.verify.ValueInspector.Attribute;
import dev.cacheaudit.core.verify.ValueInspector.EntityState;
import dev.cacheaudit.core.verify.ValueInspector.Kind;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Entities are compared by the persistent state an inspector gives, never by their equals; wrappers element by
 * element; differing paths named, lazy parts left out and named.
 */
class EntityStateComparisonTests {

    /** A stand-in for the JPA inspector: {@link Hotel} and {@link Room} are its entities. */
    private static final ValueInspector INSPECTOR = value -> {
        if (value instanceof Hotel hotel) {
            return new EntityState(
                    "Hotel",
                    hotel.id,
                    hotel.version,
                    true,
                    List.of(
                            new Attribute("id", Kind.VALUE, hotel.id),
                            new Attribute("name", Kind.VALUE, hotel.name),
                            new Attribute("version", Kind.VALUE, hotel.version),
                            hotel.rooms == null
                                    ? Attribute.notLoaded("rooms")
                                    : new Attribute("rooms", Kind.COLLECTION, hotel.rooms)));
        }
        if (value instanceof Room room) {
            return room.label == null
                    ? EntityState.notLoaded("Room", room.id)
                    : new EntityState(
                            "Room",
                            room.id,
                            null,
                            true,
                            List.of(
                                    new Attribute("id", Kind.VALUE, room.id),
                                    new Attribute("label", Kind.VALUE, room.label),
                                    new Attribute("hotel", Kind.REFERENCE, room.hotelId)));
        }
        return null;
    };

    @Test
    void entitiesWithoutEqualsHoldingTheSameStateAreFresh() {
        Result result =
                compare(hotel(1, "Ritz", room(10, "A"), room(11, "B")), hotel(1, "Ritz", room(10, "A"), room(11, "B")));

        assertThat(result.verdict()).isEqualTo(Verdict.FRESH);
        assertThat(result.notCompared()).isEmpty();
    }

    @Test
    void entitiesWithIdOnlyEqualsThatDifferInAColumnAreStale() {
        Result result = compare(hotel(1, "Ritz", room(10, "A")), hotel(1, "Savoy", room(10, "A")));

        assertThat(result.verdict()).isEqualTo(Verdict.STALE);
        assertThat(result.differingFields()).containsExactly("name");
    }

    @Test
    void aChangedElementOfACollectionIsNamedByItsPath() {
        Result result =
                compare(hotel(1, "Ritz", room(10, "A"), room(11, "B")), hotel(1, "Ritz", room(10, "A"), room(11, "C")));

        assertThat(result.differingFields()).containsExactly("rooms[].label");
    }

    @Test
    void anElementAddedToACollectionIsStaleAndElementsAreMatchedByIdentifierInAnyOrder() {
        assertThat(compare(hotel(1, "Ritz", room(10, "A")), hotel(1, "Ritz", room(10, "A"), room(11, "B")))
                        .differingFields())
                .containsExactly("rooms[]");
        assertThat(compare(
                                hotel(1, "Ritz", room(10, "A"), room(11, "B")),
                                hotel(1, "Ritz", room(11, "B"), room(10, "A")))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
    }

    @Test
    void aLazyCollectionNotLoadedOnOneSideIsLeftOutAndNamed() {
        Hotel lazy = hotel(1, "Ritz");
        lazy.rooms = null;

        Result result = compare(lazy, hotel(1, "Ritz", room(10, "A")));

        assertThat(result.verdict()).isEqualTo(Verdict.FRESH);
        assertThat(result.notCompared()).containsExactly("rooms");
        Result stale = compare(lazy, hotel(1, "Savoy", room(10, "A")));
        assertThat(stale.differingFields()).containsExactly("name");
        assertThat(stale.notCompared()).containsExactly("rooms");
    }

    @Test
    void toOneAssociationsAreComparedByTheTargetsIdentifier() {
        Room moved = room(10, "A");
        moved.hotelId = 2L;

        assertThat(compare(room(10, "A"), moved).differingFields()).containsExactly("hotel");
        assertThat(compare(room(10, "A"), room(10, "A")).verdict()).isEqualTo(Verdict.FRESH);
    }

    @Test
    void versionDecidesOnlyWhenBothSidesHaveOne() {
        Hotel cached = hotel(1, "Ritz");
        cached.version = 3L;
        Hotel source = hotel(1, "Savoy");
        source.version = 3L;
        assertThat(compare(cached, source).verdict()).isEqualTo(Verdict.FRESH);

        source.version = null;
        assertThat(compare(cached, source).differingFields()).containsExactly("name", "version");
    }

    @Test
    void listsAndPagesOfEntitiesAreComparedElementByElement() {
        List<Hotel> cached = List.of(hotel(1, "Ritz"), hotel(2, "Savoy"));
        assertThat(compare(cached, new ArrayList<>(List.of(hotel(1, "Ritz"), hotel(2, "Savoy"))))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(cached, List.of(hotel(1, "Ritz"), hotel(2, "Dorchester")))
                        .differingFields())
                .containsExactly("[].name");

        Page fresh = new Page(List.of(hotel(1, "Ritz")), 7);
        assertThat(compare(fresh, new Page(List.of(hotel(1, "Ritz")), 7)).verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(fresh, new Page(List.of(hotel(1, "Ritz")), 8)).differingFields())
                .containsExactly("total");
        assertThat(compare(fresh, new Page(List.of(hotel(1, "Carlton")), 7)).differingFields())
                .containsExactly("content[].name");
    }

    @Test
    void wrappersAreUnwrapped() {
        assertThat(compare(Optional.of(hotel(1, "Ritz")), Optional.of(hotel(1, "Ritz")))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(Optional.of(hotel(1, "Ritz")), Optional.empty()).verdict())
                .isEqualTo(Verdict.STALE);
        assertThat(compare(new Hotel[] {hotel(1, "Ritz")}, new Hotel[] {hotel(1, "Savoy")})
                        .differingFields())
                .containsExactly("[].name");
        Map<String, Hotel> cached = new LinkedHashMap<>(Map.of("r", hotel(1, "Ritz")));
        assertThat(compare(cached, Map.of("r", hotel(1, "Ritz"))).verdict()).isEqualTo(Verdict.FRESH);
        assertThat(compare(cached, Map.of("r", hotel(1, "Savoy"))).differingFields())
                .containsExactly("{}.name");
        assertThat(compare(
                                new HashSet<>(Set.of(hotel(1, "Ritz"), hotel(2, "Savoy"))),
                                Set.of(hotel(2, "Savoy"), hotel(1, "Ritz")))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
    }

    @Test
    void recordsHoldingEntitiesAreComparedByTheEntitiesState() {
        assertThat(compare(new Booking("b", hotel(1, "Ritz")), new Booking("b", hotel(1, "Ritz")))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(new Booking("b", hotel(1, "Ritz")), new Booking("b", hotel(1, "Savoy")))
                        .differingFields())
                .containsExactly("hotel.name");
    }

    @Test
    void listsOfRecordsInAnotherOrderAreTheSameData() {
        assertThat(compare(List.of(new Line("a", 1), new Line("b", 2)), List.of(new Line("b", 2), new Line("a", 1)))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(List.of(new Line("a", 1), new Line("b", 2)), List.of(new Line("b", 2), new Line("a", 3)))
                        .differingFields())
                .containsExactly("[].count");
    }

    @Test
    void jdkValuesThatCrossedASerializerCompareByValue() {
        long now = 1_700_000_000_123L;
        assertThat(compare(
                                new Stamp(new Date(now), 10L, new BigDecimal("1.50")),
                                new Stamp(new Timestamp(now), 10, new BigDecimal("1.5")))
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(compare(
                                new Stamp(new Date(now), 10L, BigDecimal.ONE),
                                new Stamp(new Timestamp(now + 1), 10L, BigDecimal.ONE))
                        .differingFields())
                .containsExactly("at");
    }

    @Test
    void withoutAnInspectorAnAnnotatedEntityIsComparedByItsFieldsNeverItsIdOnlyEquals() {
        assertThat(ValueComparison.compare(new Annotated(1, "a"), new Annotated(1, "b"), Set.of())
                        .differingFields())
                .containsExactly("name");
        assertThat(ValueComparison.compare(new Annotated(1, "a"), new Annotated(1, "a"), Set.of())
                        .verdict())
                .isEqualTo(Verdict.FRESH);
    }

    @Test
    void entitiesWithACompositeIdentifierThatDoesNotPrintAreMatchedByItsEquals() {
        ValueInspector composite = value -> value instanceof Line line
                ? new EntityState(
                        "Line",
                        new LineId(line.name()),
                        null,
                        true,
                        List.of(new Attribute("count", Kind.VALUE, line.count())))
                : null;
        assertThat(ValueComparison.compare(
                                List.of(new Line("a", 1), new Line("b", 2)),
                                List.of(new Line("b", 2), new Line("a", 1)),
                                Set.of(),
                                composite)
                        .verdict())
                .isEqualTo(Verdict.FRESH);
        assertThat(ValueComparison.compare(
                                List.of(new Line("a", 1), new Line("b", 2)),
                                List.of(new Line("b", 2), new Line("a", 3)),
                                Set.of(),
                                composite)
                        .differingFields())
                .containsExactly("[].count");
    }

    /** An embedded identifier with equals and no toString of its own. */
    static final class LineId {
        final String name;

        LineId(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LineId id && id.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    @Test
    void cyclesAreWalkedOnce() {
        Node a = new Node("a");
        a.next = a;
        Node b = new Node("a");
        b.next = b;
        assertThat(compare(a, b).verdict()).isEqualTo(Verdict.FRESH);
        b.name = "b";
        assertThat(compare(a, b).differingFields()).containsExactly("name");
    }

    private static Result compare(@Nullable Object cached, @Nullable Object source) {
        return ValueComparison.compare(cached, source, Set.of(), INSPECTOR);
    }

    private static Hotel hotel(long id, String name, Room... rooms) {
        Hotel hotel = new Hotel();
        hotel.id = id;
        hotel.name = name;
        hotel.rooms = new ArrayList<>(List.of(rooms));
        return hotel;
    }

    private static Room room(long id, String label) {
        Room room = new Room();
        room.id = id;
        room.label = label;
        room.hotelId = 1L;
        return room;
    }

    /** No equals, as many entities are written. */
    static final class Hotel {
        Long id;
        String name;

        @Nullable
        Long version;

        @Nullable
        List<Room> rooms;
    }

    /** Equals by identifier only, as many JPA code bases write it. */
    static final class Room {
        Long id;

        @Nullable
        String label;

        Long hotelId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Room room && id.equals(room.id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    record Booking(String reference, Hotel hotel) {}

    record Line(String name, int count) {}

    record Stamp(Date at, Number count, BigDecimal amount) {}

    /** Shaped like Spring Data's PageImpl: content and a total, no equals of its own here. */
    static final class Page {
        final List<Hotel> content;
        final long total;

        Page(List<Hotel> content, long total) {
            this.content = content;
            this.total = total;
        }
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Entity {}

    @Entity
    static final class Annotated {
        final long id;
        final String name;

        Annotated(long id, String name) {
            this.id = id;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Annotated a && a.id == id;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }
    }

    static final class Node {
        String name;
        Node next;

        Node(String name) {
            this.name = name;
        }
    }
}
