package dev.cacheaudit.autoconfigure.cache;

import org.aopalliance.aop.Advice;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.interceptor.BeanFactoryCacheOperationSourceAdvisor;

/**
 * Wraps the advice of Spring's cache advisors in {@link InvocationTracking} the moment an advisor is made. Spring's
 * cache advisor is infrastructure that is created while post-processors are still being registered, and proxies keep
 * the interceptors they first resolved; so the wrapping post-processor is added to the bean factory directly, before
 * any bean exists, rather than declared as a bean. The {@link CacheRecorder} is looked up only when a failure is to be
 * recorded, since it does not exist yet when the advisor is wrapped.
 */
public final class CacheInterceptorTracking implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        beanFactory.addBeanPostProcessor(new AdvisorWrapper(new LazyRecorder(beanFactory)));
    }

    private static final class AdvisorWrapper implements BeanPostProcessor {

        private final LazyRecorder recorder;

        AdvisorWrapper(LazyRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof CacheRecorder made) {
                recorder.found(made);
            }
            if (bean instanceof BeanFactoryCacheOperationSourceAdvisor advisor) {
                Advice advice = advisor.getAdvice();
                if (advice instanceof MethodInterceptor interceptor && !(advice instanceof InvocationTracking)) {
                    advisor.setAdvice(new InvocationTracking(interceptor, recorder::get, recorder::keepsCalls));
                }
            }
            return bean;
        }
    }

    /** The application's recorder, found on first use and kept. */
    private static final class LazyRecorder {

        private final ConfigurableListableBeanFactory beanFactory;

        private volatile @Nullable CacheRecorder recorder;

        LazyRecorder(ConfigurableListableBeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        /** Takes the recorder as soon as it is made, so that the hot path never has to look it up. */
        void found(CacheRecorder made) {
            recorder = made;
        }

        /**
         * Whether cached calls are to be kept with their note: until the recorder is made, to be safe; then only if it
         * verifies. A read of a field, on every cached call.
         */
        boolean keepsCalls() {
            CacheRecorder found = recorder;
            return found == null || found.keepsCalls();
        }

        @Nullable
        CacheRecorder get() {
            CacheRecorder found = recorder;
            if (found == null) {
                found = beanFactory.getBeanProvider(CacheRecorder.class).getIfUnique();
                recorder = found;
            }
            return found;
        }
    }
}
