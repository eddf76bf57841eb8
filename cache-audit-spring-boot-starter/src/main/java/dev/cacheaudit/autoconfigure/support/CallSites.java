package dev.cacheaudit.autoconfigure.support;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Names code locations the way reports show them: {@code com.acme.UserService#rename(Long,String)}. Walking the
 * stack costs microseconds, so it is only done for rare operations (evictions, puts and writes that happen outside
 * an annotated method).
 */
public final class CallSites {

    /**
     * Class references are retained because {@link StackWalker.StackFrame#getDescriptor()} needs them from JDK 22 on
     * (before, it worked without them); without them every write site would fail on current JDKs.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final Map<Method, String> METHOD_NAMES = new ConcurrentHashMap<>();

    private static final String[] FRAMEWORK_PREFIXES = {
        "java.",
        "javax.",
        "jakarta.",
        "jdk.",
        "sun.",
        "com.sun.",
        "org.springframework.",
        "org.aopalliance.",
        "org.hibernate.",
        "io.lettuce.",
        "io.netty.",
        "io.micrometer.",
        "reactor.",
        "net.bytebuddy.",
        "org.junit.",
        "com.zaxxer.",
        "org.apache.",
        "org.mybatis.",
        "com.baomidou.",
        "org.jooq.",
        "net.ttddyy.",
        "org.h2.",
        "org.postgresql.",
        "org.mariadb.",
        "com.mysql.",
        "dev.cacheaudit.core.",
        "dev.cacheaudit.autoconfigure.CacheAudit",
        "dev.cacheaudit.autoconfigure.actuate.",
        "dev.cacheaudit.autoconfigure.cache.",
        "dev.cacheaudit.autoconfigure.data.",
        "dev.cacheaudit.autoconfigure.jdbc.",
        "dev.cacheaudit.autoconfigure.redis.",
        "dev.cacheaudit.autoconfigure.support.",
        "dev.cacheaudit.autoconfigure.tx.",
        "dev.cacheaudit.test.CacheAudit"
    };

    private CallSites() {}

    /** The site name of a method: declaring class, method name and parameter types. */
    public static String of(Method method) {
        String name = METHOD_NAMES.get(method);
        if (name == null) {
            StringJoiner params = new StringJoiner(",", "(", ")");
            for (Class<?> type : method.getParameterTypes()) {
                params.add(type.getSimpleName());
            }
            name = method.getDeclaringClass().getName() + "#" + method.getName() + params;
            METHOD_NAMES.putIfAbsent(method, name);
        }
        return name;
    }

    /** The first frame of application code on the current stack, as {@code class#method}. */
    public static String firstApplicationFrame() {
        return WALKER.walk(CallSites::firstApplicationFrame);
    }

    private static String firstApplicationFrame(Stream<StackWalker.StackFrame> frames) {
        return frames.filter(frame -> isApplication(frame.getClassName()))
                .findFirst()
                .map(frame -> frame.getClassName() + "#" + frame.getMethodName() + parameters(frame))
                .orElse("unknown");
    }

    private static String parameters(StackWalker.StackFrame frame) {
        StringJoiner params = new StringJoiner(",", "(", ")");
        for (Class<?> type : frame.getMethodType().parameterArray()) {
            params.add(type.getSimpleName());
        }
        return params.toString();
    }

    static boolean isApplication(String className) {
        if (className.contains("$$SpringCGLIB$$")
                || className.contains("$$EnhancerBySpringCGLIB$$")
                || className.contains("$HibernateProxy$")
                || className.startsWith("jdk.proxy")
                || className.startsWith("com.sun.proxy")) {
            return false;
        }
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
