package dev.cacheaudit.autoconfigure.it.jdbc;

/** Lineage with {@code JdbcTemplate} on H2. */
class JdbcTemplateLineageH2Tests extends LineageScenarioTests {

    @Override
    String[] database() {
        return new String[] {"jdbc:h2:mem:lineage-jdbc-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""};
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
