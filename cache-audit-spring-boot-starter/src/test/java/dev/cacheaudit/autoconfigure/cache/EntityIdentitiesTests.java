package dev.cacheaudit.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.event.EntityHeld;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityIdentitiesTests {

    private final EntityIdentities identities = new EntityIdentities(Map.of("members", "memberNo"));

    @Test
    void jpaIdOnAFieldNotNamedIdIdentifiesTheValueAndTheKeyAttributeIsNamed() {
        EntityHeld held = identities.held("customers", "555-0100", new Customer(42L, "555-0100"), 1);

        assertThat(held).isNotNull();
        assertThat(held.entities()).containsExactly(new EntityHeld.Entity("Customer", "42", "number"));
        assertThat(held.keyAttribute()).isEqualTo("phone");
    }

    @Test
    void embeddedIdIsTheIdentifier() {
        EntityHeld held = identities.held("lines", "x", new Line(new LineId(7, 3)), 1);

        assertThat(held).isNotNull();
        assertThat(held.entities()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("LineId[order=7, line=3]");
            assertThat(e.idAttribute()).isEqualTo("id");
        });
    }

    @Test
    void configuredIdFieldWinsOverTheConvention() {
        EntityHeld held = identities.held("members", "ada", new Member("id-1", "M-9", "ada"), 1);

        assertThat(held).isNotNull();
        assertThat(held.entities()).containsExactly(new EntityHeld.Entity("Member", "M-9", "memberNo"));
        assertThat(held.keyAttribute()).isEqualTo("login");
    }

    @Test
    void recordsAreIdentifiedByTheirIdComponentAndKeysMatchedUpToCase() {
        EntityHeld held = identities.held("accounts", "ADA@HOST", new Account(5, "ada@host"), 1);

        assertThat(held).isNotNull();
        assertThat(held.entities()).containsExactly(new EntityHeld.Entity("Account", "5", "id"));
        assertThat(held.keyAttribute()).isEqualTo("email");
    }

    @Test
    void optionalsAndSmallCollectionsAreOpened() {
        assertThat(identities.held("accounts", 5, Optional.of(new Account(5, "a")), 1))
                .isNotNull();
        EntityHeld list = identities.held("accounts", "team", List.of(new Account(1, "a"), new Account(2, "b")), 1);
        assertThat(list).isNotNull();
        assertThat(list.entities()).extracting(EntityHeld.Entity::id).containsExactly("1", "2");
    }

    @Test
    void plainValuesLargeCollectionsAndValuesWithoutIdentifierAreNotIdentified() {
        assertThat(identities.held("names", 1, "Ada", 1)).isNull();
        assertThat(identities.held("names", 1, Optional.empty(), 1)).isNull();
        assertThat(identities.held("names", 1, null, 1)).isNull();
        assertThat(identities.held("names", 1, new Label("x"), 1)).isNull();
        List<Account> many = List.of(
                new Account(1, "a"),
                new Account(2, "b"),
                new Account(3, "c"),
                new Account(4, "d"),
                new Account(5, "e"));
        assertThat(identities.held("accounts", "all", many, 1)).isNull();
    }

    static final class Customer {

        @jakarta.persistence.Id
        private final Long number;

        private final String phone;

        Customer(Long number, String phone) {
            this.number = number;
            this.phone = phone;
        }
    }

    record LineId(long order, int line) {}

    static final class Line {

        @jakarta.persistence.EmbeddedId
        private final LineId id;

        Line(LineId id) {
            this.id = id;
        }
    }

    record Member(String id, String memberNo, String login) {}

    record Account(long id, String email) {}

    record Label(String text) {}
}
