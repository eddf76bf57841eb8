package dev.cacheaudit.autoconfigure.it.jdbc;

/** Lineage with a MyBatis mapper on H2. */
class MyBatisLineageH2Tests extends LineageScenarioTests {

    @Override
    String[] database() {
        return new String[] {"jdbc:h2:mem:lineage-mybatis-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""};
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
