package dev.cacheaudit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisServerTests {

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
    void localAddressIsProbedOncePerJvmSoEveryClassAfterTheFirstGetsTheSameAnswerWithoutAsking() throws IOException {
        String address;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = "127.0.0.1:" + server.getLocalPort();
            System.setProperty(RedisServer.ADDRESS_PROPERTY, address);
            assertThat(RedisServer.find()).hasToString(address);
        }

        // Nothing answers there any more; a second probe would have said so.
        assertThat(RedisServer.find()).hasToString(address);
    }
}
