package dev.cacheaudit.autoconfigure.it.jdbc;

import dev.cacheaudit.testsupport.RequiresPostgres;

/** Lineage with MyBatis on PostgreSQL. */
@RequiresPostgres
class MyBatisLineagePostgresTests extends LineageScenarioTests {

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
        return "mybatis";
    }

    @Override
    String outsideSite(String scenarioMethod, String storeMethod) {
        return scenarioSite(scenarioMethod);
    }
}
