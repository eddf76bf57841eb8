package dev.cacheaudit.autoconfigure.jpa;

import org.springframework.util.ClassUtils;

/** The instance behind an initialised Hibernate proxy, whose own fields are empty; any other value as it is. */
final class HibernateProxies {

    private static final boolean PRESENT =
            ClassUtils.isPresent("org.hibernate.proxy.HibernateProxy", HibernateProxies.class.getClassLoader());

    private HibernateProxies() {}

    static Object unproxy(Object value) {
        if (PRESENT && value instanceof org.hibernate.proxy.HibernateProxy proxy) {
            return proxy.getHibernateLazyInitializer().getImplementation();
        }
        return value;
    }
}
