package dev.cacheaudit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
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
import org.opentest4j.TestAbortedException;

/**
 * The condition on a class of its own run through the JUnit engine, with the local address pointed at a port this
 * test opens (something answers) or at one it opened and closed again (nothing answers), so no Redis is needed.
 */
class RequiresRedisTests {

    private @Nullable String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(RedisServer.ADDRESS_PROPERTY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(RedisServer.ADDRESS_PROPERTY);
        } else {
            System.setProperty(RedisServer.ADDRESS_PROPERTY, before);
        }
    }

    @Test
    void classIsSkippedWithTheReasonRequireGivesWhenNothingAnswers() throws IOException {
        // With Docker, a closed local port is no reason to skip: the class runs on a container instead.
        assumeFalse(RedisServer.dockerAvailable(), "a Docker engine is there, so Testcontainers would supply Redis");
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        System.setProperty(RedisServer.ADDRESS_PROPERTY, address);

        EngineExecutionResults results = run();

        assertThat(results.testEvents().started().count()).isZero();
        Event skipped = results.containerEvents().skipped().list().get(0);
        assertThat(skipped.getTestDescriptor().getSource()).contains(ClassSource.from(NeedsRedis.class));
        String reason = skipped.getPayload(String.class).orElseThrow();
        assertThat(reason)
                .contains("Redis is not reachable on " + address)
                .contains("system property " + RedisServer.ADDRESS_PROPERTY);
        assertThatThrownBy(RedisServer::require)
                .isInstanceOf(TestAbortedException.class)
                .hasMessage(reason);
    }

    @Test
    void classRunsOnTheLocalAddressWhenSomethingAnswers() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + server.getLocalPort();
            System.setProperty(RedisServer.ADDRESS_PROPERTY, address);

            EngineExecutionResults results = run();

            assertThat(results.containerEvents().skipped().count()).isZero();
            assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
            assertThat(RedisServer.find()).hasToString(address);
        }
    }

    private static EngineExecutionResults run() {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(NeedsRedis.class))
                .execute();
    }

    /** Run only through the engine above: its name is not a test class's, so the build does not run it itself. */
    @RequiresRedis
    static class NeedsRedis {

        @Test
        void runs() {}
    }
}
