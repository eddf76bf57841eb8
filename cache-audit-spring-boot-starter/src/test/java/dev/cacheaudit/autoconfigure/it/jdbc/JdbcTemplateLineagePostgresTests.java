package dev.cacheaudit.autoconfigure.it.jdbc;

import dev.cacheaudit.testsupport.RequiresPostgres;

/** Lineage with JdbcTemplate on PostgreSQL. */
@RequiresPostgres
class JdbcTemplateLineagePostgresTests extends LineageScenarioTests {

    private final PostgresDatabase postgres = new PostgresDatabase();

    @Override
    String[] database() {
        return postgres.create();
    }

    @Override
    void cleanUp() {
        postgres.drop();
    }

    @Override
    String library() {
        return "jdbc";
    }

    @Override
    String outsideSite(String scenarioMethod, String storeMethod) {
        return storeSite(storeMethod);
    }
}
