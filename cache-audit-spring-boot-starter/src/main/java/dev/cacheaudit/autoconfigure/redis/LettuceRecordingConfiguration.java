package dev.cacheaudit.autoconfigure.redis;

import dev.cacheaudit.autoconfigure.CacheAuditProperties;
import dev.cacheaudit.core.CacheAudit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Recording of the Redis commands sent through Lettuce connection factories, unless
 * {@code cache-audit.recording.redis-commands} is off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(
        name = {
            "io.lettuce.core.event.command.CommandListener",
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory"
        })
@ConditionalOnProperty(
        prefix = "cache-audit.recording",
        name = "redis-commands",
        havingValue = "true",
        matchIfMissing = true)
class LettuceRecordingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LettuceCommandRecorder cacheAuditLettuceCommandRecorder(CacheAudit audit, CacheAuditProperties properties) {
        return new LettuceCommandRecorder(audit, properties.getRecording().getHitSampleRate());
    }

    @Bean
    static LettuceListenerRegistrar cacheAuditLettuceListenerRegistrar(
            ObjectProvider<LettuceCommandRecorder> recorder) {
        return new LettuceListenerRegistrar(recorder);
    }
}
