package dev.cacheaudit.autoconfigure.redis;

import io.lettuce.core.AbstractRedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Adds the {@link LettuceCommandRecorder} to the client of every {@link LettuceConnectionFactory}. Lettuce only lets
 * a command listener be added on the client, and only connections opened afterwards see it: the factory starts its
 * client during initialisation but opens connections lazily, so the listener is added right after initialisation. A
 * factory that opened its shared connection eagerly has it reset, so that it is reopened with the listener.
 */
public final class LettuceListenerRegistrar implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(LettuceListenerRegistrar.class);

    private final ObjectProvider<LettuceCommandRecorder> recorder;

    public LettuceListenerRegistrar(ObjectProvider<LettuceCommandRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof LettuceConnectionFactory factory) {
            register(factory, beanName);
        }
        return bean;
    }

    private void register(LettuceConnectionFactory factory, String beanName) {
        LettuceCommandRecorder listener = recorder.getIfAvailable();
        if (listener == null) {
            return;
        }
        if (!factory.isRunning()) {
            logger.info(
                    "cache-audit: Redis connection factory '{}' is not started during initialisation"
                            + " (earlyStartup=false); its commands are not recorded",
                    beanName);
            return;
        }
        AbstractRedisClient client = factory.getNativeClient();
        if (client == null) {
            return;
        }
        client.addListener(listener);
        if (factory.getEagerInitialization()) {
            factory.resetConnection();
        }
    }
}
