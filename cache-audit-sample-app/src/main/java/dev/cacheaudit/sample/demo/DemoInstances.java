package dev.cacheaudit.sample.demo;

import dev.cacheaudit.autoconfigure.fleet.FleetMembership;
import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.sample.SampleApplication;
import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.SampleInstances;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The instances of one demo run. The first instance starts the others in this JVM when the run needs more than one
 * ({@code sample.instances}, or two for scenario {@code local-multi} in its buggy form): separate contexts with the
 * same command line, the same Redis and the same database (which the first instance created and seeded), each writing
 * its report beside the first one's. They are closed when the first instance's context closes.
 */
@Component
public class DemoInstances implements ApplicationListener<ContextClosedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(DemoInstances.class);

    private static final String LOCAL_MULTI = "local-multi";

    private static final Duration MEETING_TIMEOUT = Duration.ofSeconds(15);

    /** The options each started instance gets its own value of. */
    private static final List<String> PEER_OPTIONS = List.of(
            "sample.instance",
            "server.port",
            "spring.jpa.hibernate.ddl-auto",
            "spring.datasource.generate-unique-name",
            "spring.datasource.name",
            "cache-audit.report.path");

    private final ConfigurableApplicationContext context;

    private final SampleInstances settings;

    private final int count;

    private final ApplicationArguments arguments;

    private final Environment environment;

    /** Every instance in index order, this one included; shared with the instances the first one started. */
    private List<ConfigurableApplicationContext> all;

    /** The auditor of every instance, which still answers once its context closed. */
    private List<CacheAudit> audits = List.of();

    DemoInstances(
            ApplicationContext context,
            SampleInstances settings,
            SampleBugs bugs,
            ApplicationArguments arguments,
            Environment environment) {
        this.context = (ConfigurableApplicationContext) Objects.requireNonNull(context, "context");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.count = Math.max(settings.instances(), bugs.enabled(LOCAL_MULTI) ? 2 : 1);
        this.arguments = Objects.requireNonNull(arguments, "arguments");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.all = List.of(this.context);
    }

    /** Starts the other instances, once, from the first one, and waits until they all see each other. */
    public synchronized void start() {
        if (!settings.first() || count == 1 || all.size() == count) {
            return;
        }
        List<ConfigurableApplicationContext> started = new ArrayList<>(List.of(context));
        try {
            for (int index = 1; index < count; index++) {
                String[] args = peerArguments(index);
                started.add(SampleApplication.application(new PrintStream(OutputStream.nullOutputStream()), args)
                        .run(args));
            }
        } catch (RuntimeException ex) {
            started.subList(1, started.size()).forEach(ConfigurableApplicationContext::close);
            throw ex;
        }
        List<ConfigurableApplicationContext> instances = List.copyOf(started);
        instances.forEach(instance -> instance.getBean(DemoInstances.class).all = instances);
        awaitMeeting();
    }

    /**
     * The auditor of every instance, the first one first, also after the run closed them; this one's alone before
     * {@link #start()}.
     */
    public List<CacheAudit> audits() {
        List<CacheAudit> found = audits;
        if (found.size() == all.size()) {
            return found;
        }
        found = all.stream()
                .map(instance -> instance.getBeanProvider(CacheAudit.class).getIfAvailable())
                .filter(Objects::nonNull)
                .toList();
        audits = found;
        return found;
    }

    /** The instance at an index, counted round the instances (so any index is one). */
    public ConfigurableApplicationContext instance(int index) {
        return all.get(Math.floorMod(index, all.size()));
    }

    /** Every instance, the first one first. */
    public List<ConfigurableApplicationContext> all() {
        return all;
    }

    /** A bean of the instance after this one (this one's own when it runs alone). */
    public <T> T other(Class<T> type) {
        return instance(settings.instance() + 1).getBean(type);
    }

    private String[] peerArguments(int index) {
        // Repeated options would bind as one comma-separated value: the ones set here replace the command line's.
        List<String> args = new ArrayList<>(Arrays.stream(arguments.getSourceArgs())
                .filter(arg -> PEER_OPTIONS.stream().noneMatch(option -> arg.startsWith("--" + option + "=")))
                .toList());
        args.add("--sample.instance=" + index);
        args.add("--server.port=0");
        // The first instance created the schema and seeded it; the others use it as it is.
        args.add("--spring.jpa.hibernate.ddl-auto=none");
        args.add("--spring.datasource.generate-unique-name=false");
        String database = environment.getProperty("spring.datasource.name");
        if (database != null) {
            args.add("--spring.datasource.name=" + database);
        }
        String report = environment.getProperty("cache-audit.report.path");
        if (report != null) {
            args.add("--cache-audit.report.path=" + reportOf(report, index));
        }
        return args.toArray(String[]::new);
    }

    /** The report file of the instance at {@code index}: {@code report.json} becomes {@code report-1.json}. */
    static String reportOf(String report, int index) {
        int dot = report.lastIndexOf('.');
        int slash = Math.max(report.lastIndexOf('/'), report.lastIndexOf('\\'));
        return dot > slash ? report.substring(0, dot) + "-" + index + report.substring(dot) : report + "-" + index;
    }

    private void awaitMeeting() {
        long deadline = System.nanoTime() + MEETING_TIMEOUT.toNanos();
        for (ConfigurableApplicationContext instance : all) {
            Fleet member = member(instance);
            if (member == null) {
                logger.warn("The demo's instances cannot see each other: cache-audit fleet membership is off");
                return;
            }
            while (member.members().size() < all.size() - 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            if (member.members().size() < all.size() - 1) {
                logger.warn(
                        "Instance {} heard from {} of the other {} instances within {}",
                        member.instance(),
                        member.members().size(),
                        all.size() - 1,
                        MEETING_TIMEOUT);
            }
        }
    }

    private static @Nullable Fleet member(ConfigurableApplicationContext instance) {
        FleetMembership membership =
                instance.getBeanProvider(FleetMembership.class).getIfAvailable();
        return membership == null ? null : membership.fleet();
    }

    /** Closes the instances this one started, before this context's own beans go. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() != context || !settings.first()) {
            return;
        }
        audits();
        all.subList(1, all.size()).forEach(ConfigurableApplicationContext::close);
    }
}
