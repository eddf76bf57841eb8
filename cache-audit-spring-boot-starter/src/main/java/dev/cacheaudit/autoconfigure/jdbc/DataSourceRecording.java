package dev.cacheaudit.autoconfigure.jdbc;

import java.lang.reflect.Modifier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the application's {@code DataSource} beans (Hikari and others) so that the connections they hand out are
 * datasource-proxy's, which tell {@link StatementRecorder} of every statement run. The bean keeps its class (a class
 * proxy that delegates everything but {@code getConnection}), so code that asks for a {@code HikariDataSource} still
 * gets one. Routing and delegating data sources are left alone: the data sources they route to are wrapped when they
 * are beans, and wrapping both would see each statement twice. A data source that cannot be wrapped is left as it is.
 */
public final class DataSourceRecording implements BeanPostProcessor {

    private static final Logger logger = LoggerFactory.getLogger(DataSourceRecording.class);

    private static final String[] LEFT_ALONE = {
        "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource",
        "org.springframework.jdbc.datasource.DelegatingDataSource"
    };

    private final ObjectProvider<StatementRecorder> recorder;

    DataSourceRecording(ObjectProvider<StatementRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof ProxyDataSource || leftAlone(bean.getClass())) {
            return bean;
        }
        StatementRecorder listener = recorder.getIfAvailable();
        if (listener == null) {
            return bean;
        }
        try {
            return wrap(dataSource, beanName, listener);
        } catch (RuntimeException | LinkageError ex) {
            logger.info(
                    "cache-audit: data source '{}' could not be wrapped; its statements are not recorded ({})",
                    beanName,
                    ex.toString());
            return bean;
        }
    }

    private static Object wrap(DataSource dataSource, String beanName, StatementRecorder listener) {
        ProxyDataSource recording = ProxyDataSourceBuilder.create(beanName, dataSource)
                .listener(listener)
                .build();
        ProxyFactory factory = new ProxyFactory(dataSource);
        factory.setProxyTargetClass(!Modifier.isFinal(dataSource.getClass().getModifiers()));
        factory.addAdvice((MethodInterceptor) invocation -> {
            if (invocation.getMethod().getName().equals("getConnection")) {
                Object[] args = invocation.getArguments();
                return args.length == 2
                        ? recording.getConnection((String) args[0], (String) args[1])
                        : recording.getConnection();
            }
            return invocation.proceed();
        });
        return factory.getProxy(dataSource.getClass().getClassLoader());
    }

    private static boolean leftAlone(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (String name : LEFT_ALONE) {
                if (c.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
