package dev.cacheaudit.autoconfigure.cache;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;

/**
 * Wraps the advice of Spring's cache advisors in {@link InvocationTracking} the moment an advisor is made. Spring's
 * cache advisor is infrastructure that is created while post-processors are still being registered, and proxies keep
 * the interceptors they first resolved; so the wrapping post-processor is added to the bean factory directly, before
 * any bean exists, rather than declared as a bean.
 */
public final class CacheInterceptorTracking implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        beanFactory.addBeanPostProcessor(new AdvisorWrapper());
    }

    private static final class AdvisorWrapper implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof BeanFactoryCacheOperationSourceAdvisor advisor) {
                Advice advice = advisor.getAdvice();
                if (advice instanceof MethodInterceptor interceptor && !(advice instanceof InvocationTracking)) {
                    advisor.setAdvice(new InvocationTracking(interceptor));
                }
            }
            return bean;
        }
    }
}
