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

    private static final StackWalker WALKER = StackWalker.getInstance();

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
        "dev.cacheaudit.core.",
        "dev.cacheaudit.autoconfigure.CacheAudit",
        "dev.cacheaudit.autoconfigure.actuate.",
        "dev.cacheaudit.autoconfigure.cache.",
        "dev.cacheaudit.autoconfigure.data.",
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
                .map(frame -> frame.getClassName() + "#" + frame.getMethodName() + parameters(frame.getDescriptor()))
                .orElse("unknown");
    }

    /** The simple names of the parameter types in a method descriptor: {@code (JLjava/lang/String;)V} gives
     * {@code (long,String)}. */
    static String parameters(String descriptor) {
        StringJoiner params = new StringJoiner(",", "(", ")");
        int i = 1;
        while (i < descriptor.length() && descriptor.charAt(i) != ')') {
            int dims = 0;
            while (descriptor.charAt(i) == '[') {
                dims++;
                i++;
            }
            String name;
            char c = descriptor.charAt(i);
            if (c == 'L') {
                int end = descriptor.indexOf(';', i);
                String binary = descriptor.substring(i + 1, end);
                name = binary.substring(binary.lastIndexOf('/') + 1);
                name = name.substring(name.lastIndexOf('$') + 1);
                i = end + 1;
            } else {
                name = switch (c) {
                    case 'Z' -> "boolean";
                    case 'B' -> "byte";
                    case 'C' -> "char";
                    case 'S' -> "short";
                    case 'I' -> "int";
                    case 'J' -> "long";
                    case 'F' -> "float";
                    case 'D' -> "double";
                    default -> String.valueOf(c);
                };
                i++;
            }
            params.add(name + "[]".repeat(dims));
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
