package dev.cacheaudit.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.core.lineage.ParsedSql;
import dev.cacheaudit.core.lineage.ParsedSql.Operand;
import dev.cacheaudit.core.lineage.ParsedSql.Operation;
import dev.cacheaudit.core.lineage.ParsedSql.TableAccess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JSqlParserStatementsTests {

    private final JSqlParserStatements parser = new JSqlParserStatements(16);

    @Test
    void queryGivesItsTableAndTheColumnBoundToEachPlaceholder() {
        ParsedSql parsed = parser.parse("SELECT name FROM child WHERE parent_id = ? AND deleted = 0 ORDER BY id");
        assertThat(parsed.operation()).isEqualTo(Operation.SELECT);
        assertThat(parsed.write()).isFalse();
        assertThat(parsed.tables())
                .containsExactly(new TableAccess(
                        "child",
                        false,
                        Map.of("parent_id", Operand.parameter(0), "deleted", Operand.literal("0")),
                        Map.of()));
    }

    @Test
    void queryComparingBothSidesInOneLetterCaseBindsTheColumnIgnoringCase() {
        ParsedSql parsed =
                parser.parse("select c1_0.id, c1_0.email from customers c1_0 where upper(c1_0.email)=upper(?)");
        assertThat(parsed.tables())
                .containsExactly(new TableAccess(
                        "customers", false, Map.of("email", Operand.parameter(0).ignoringCase()), Map.of()));
        assertThat(parser.parse("SELECT id FROM customers WHERE lower(login) = lower(?) AND upper(email) = ?")
                        .tables())
                .singleElement()
                .satisfies(t -> assertThat(t.conditions())
                        .containsExactly(Map.entry("login", Operand.parameter(0).ignoringCase())));
    }

    @Test
    void writeComparingInOneLetterCaseNamesNoKeyColumn() {
        ParsedSql parsed = parser.parse("UPDATE customers SET name = ? WHERE upper(email) = upper(?)");
        assertThat(parsed.tables()).singleElement().satisfies(t -> assertThat(t.conditions())
                .isEmpty());
    }

    @Test
    void joinedQueryAttributesQualifiedColumnsToTheirTablesThroughAliases() {
        ParsedSql parsed = parser.parse("SELECT c.name FROM \"PUBLIC\".child c JOIN parent p ON p.id = c.parent_id"
                + " WHERE p.id = ? AND c.kind = 'toy'");
        assertThat(parsed.tables()).extracting(TableAccess::table).containsExactlyInAnyOrder("child", "parent");
        assertThat(parsed.tables())
                .filteredOn(t -> t.table().equals("parent"))
                .singleElement()
                .satisfies(t -> assertThat(t.conditions()).containsExactly(Map.entry("id", Operand.parameter(0))));
        assertThat(parsed.tables())
                .filteredOn(t -> t.table().equals("child"))
                .singleElement()
                .satisfies(t -> assertThat(t.conditions()).containsExactly(Map.entry("kind", Operand.literal("toy"))));
    }

    @Test
    void updateGivesAssignmentsAndConditionsWithPlaceholderPositionsInTextOrder() {
        ParsedSql parsed = parser.parse("UPDATE child SET parent_id = ?, name = ? WHERE id = ?");
        assertThat(parsed.operation()).isEqualTo(Operation.UPDATE);
        assertThat(parsed.write()).isTrue();
        assertThat(parsed.tables())
                .containsExactly(new TableAccess(
                        "child",
                        true,
                        Map.of("id", Operand.parameter(2)),
                        Map.of("parent_id", Operand.parameter(0), "name", Operand.parameter(1))));
    }

    @Test
    void insertPairsColumnsWithValuesAndDeleteGivesItsCondition() {
        assertThat(parser.parse("INSERT INTO child (parent_id, name) VALUES (?, 'x')")
                        .tables())
                .containsExactly(new TableAccess(
                        "child",
                        true,
                        Map.of(),
                        Map.of("parent_id", Operand.parameter(0), "name", Operand.literal("x"))));
        assertThat(parser.parse("delete from ITEM where ID = 7").tables())
                .containsExactly(new TableAccess("item", true, Map.of("id", Operand.literal("7")), Map.of()));
    }

    @Test
    void conditionsUnderAnOrAreLeftOutAndSubqueryTablesAreRead() {
        ParsedSql parsed = parser.parse("UPDATE item SET name = ? WHERE id = ? OR id IN (SELECT item_id FROM tag)");
        assertThat(parsed.tables())
                .containsExactly(
                        new TableAccess("item", true, Map.of(), Map.of("name", Operand.parameter(0))),
                        new TableAccess("tag", false, Map.of(), Map.of()));
    }

    @Test
    void mergeIsAWriteOfItsTarget() {
        ParsedSql parsed = parser.parse(
                "MERGE INTO item t USING src s ON t.id = s.id" + " WHEN MATCHED THEN UPDATE SET t.name = s.name");
        assertThat(parsed.operation()).isEqualTo(Operation.MERGE);
        assertThat(parsed.tables()).extracting(TableAccess::table).contains("item");
        assertThat(parsed.tables())
                .filteredOn(TableAccess::written)
                .extracting(TableAccess::table)
                .containsExactly("item");
    }

    @Test
    void unparsableTextGivesNothingAndIsRememberedWithoutItsText() {
        assertThat(parser.parse("THIS IS NOT SQL AT ALL ((")).isNull();
        assertThat(parser.parse("THIS IS NOT SQL AT ALL ((")).isNull();
        assertThat(parser.size()).isEqualTo(1);
        assertThat(parser.parse("CREATE TABLE t (id BIGINT)").operation()).isEqualTo(Operation.OTHER);
    }

    @Test
    void rememberedStatementsAreBounded() {
        for (int i = 0; i < 40; i++) {
            parser.parse("SELECT * FROM t" + i + " WHERE id = ?");
        }
        assertThat(parser.size()).isEqualTo(16);
        assertThat(parser.parse("SELECT * FROM t39 WHERE id = ?").tables())
                .extracting(TableAccess::table)
                .isEqualTo(List.of("t39"));
    }
}
