package dev.cacheaudit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The condition on a class of its own run through the JUnit engine, with the address pointed at a port this test
 * opens (something answers) or at one it opened and closed again (nothing answers), so no PostgreSQL is needed.
 */
class RequiresPostgresTests {

    private @Nullable String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(PostgresServer.ADDRESS_PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(PostgresServer.ADDRESS_PROPERTY);
        } else {
            System.setProperty(PostgresServer.ADDRESS_PROPERTY, before);
        }
    }

    @Test
    void classIsSkippedWithTheAddressAndThePropertyWhenNothingAnswers() throws IOException {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        System.setProperty(PostgresServer.ADDRESS_PROPERTY, address);

        EngineExecutionResults results = run();

        assertThat(results.testEvents().started().count()).isZero();
        Event skipped = results.containerEvents().skipped().list().get(0);
        assertThat(skipped.getTestDescriptor().getSource()).contains(ClassSource.from(NeedsPostgres.class));
        assertThat(skipped.getPayload(String.class)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("PostgreSQL is not reachable at " + address)
                .contains("-D" + PostgresServer.ADDRESS_PROPERTY + "="));
    }

    @Test
    void classRunsWhenSomethingAnswers() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty(PostgresServer.ADDRESS_PROPERTY, "127.0.0.1:" + server.getLocalPort());

            EngineExecutionResults results = run();

            assertThat(results.containerEvents().skipped().count()).isZero();
            assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        }
    }

    private static EngineExecutionResults run() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsPostgres.class))
                .execute();
    }

    /** Run only through the engine above: its name is not a test class's, so the build does not run it itself. */
    @RequiresPostgres
    static class NeedsPostgres {

        @Test
        void runs() {}
    }
}
