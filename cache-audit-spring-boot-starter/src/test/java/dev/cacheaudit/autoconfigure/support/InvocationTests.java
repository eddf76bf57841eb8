package dev.cacheaudit.autoconfigure.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class InvocationTests {

    static class Catalog {
        String find(long id) {
            return "item " + id;
        }

        String search(String text) {
            return text;
        }
    }

    private static Method method(String name, Class<?> parameter) throws NoSuchMethodException {
        return Catalog.class.getDeclaredMethod(name, parameter);
    }

    @Test
    void aFrameReusedForAnotherMethodNamesTheNewOne() throws Exception {
        Invocation.Frames first = Invocation.enter(method("find", long.class), null);
        assertThat(Invocation.current().site()).isEqualTo(CallSites.of(method("find", long.class)));
        Invocation.exit(first);

        Invocation.Frames second = Invocation.enter(method("search", String.class), null);
        try {
            assertThat(Invocation.current().site()).isEqualTo(CallSites.of(method("search", String.class)));
        } finally {
            Invocation.exit(second);
        }
        assertThat(Invocation.current()).isNull();
    }

    @Test
    void aFrameReusedForTheSameMethodAfterANamedSiteNamesTheMethod() throws Exception {
        Invocation.Frames named = Invocation.enter("JdbcImport#run()");
        assertThat(Invocation.current().site()).isEqualTo("JdbcImport#run()");
        Invocation.exit(named);

        Invocation.Frames method = Invocation.enter(method("find", long.class), null);
        try {
            assertThat(Invocation.current().site()).isEqualTo(CallSites.of(method("find", long.class)));
        } finally {
            Invocation.exit(method);
        }

        Invocation.Frames namedAgain = Invocation.enter("JdbcImport#run()");
        try {
            assertThat(Invocation.current().site()).isEqualTo("JdbcImport#run()");
        } finally {
            Invocation.exit(namedAgain);
        }
    }

    @Test
    void nestedCallsRestoreTheEnclosingOneWithItsCallAndLoadStart() throws Exception {
        Object outerCall = new Object();
        Invocation.Frames outer = Invocation.enter(method("find", long.class), outerCall);
        Invocation.current().loadStarted(42);
        Invocation.Frames inner = Invocation.enter(method("search", String.class), null);
        assertThat(Invocation.current().call()).isNull();
        assertThat(Invocation.current().loadStartNanos()).isZero();
        Invocation.exit(inner);

        assertThat(Invocation.current().call()).isSameAs(outerCall);
        assertThat(Invocation.current().loadStartNanos()).isEqualTo(42);
        assertThat(Invocation.current().site()).isEqualTo(CallSites.of(method("find", long.class)));
        Invocation.exit(outer);
        assertThat(Invocation.current()).isNull();
    }

    @Test
    void aCallIsNotKeptOnceItsInvocationHasEnded() throws Exception {
        Invocation.Frames frames = Invocation.enter(method("find", long.class), new Object());
        Invocation frame = Invocation.current();
        Invocation.exit(frames);

        assertThat(frame.call()).as("the call (and its arguments) is let go").isNull();
    }
}
