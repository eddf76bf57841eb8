package dev.cacheaudit.sample.demo;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code --demo} run: drives every {@link Traffic} bean, lets the settling period pass, waits for the auditor to
 * catch up and prints the per-cache statistics and the findings. Closing the context afterwards makes the starter write
 * its report to {@code cache-audit.report.path}.
 */
@Component
public class Demo {

    /**
     * Defaults for a demo run: no web server (so a busy port cannot fail it), a quiet log, and verification on with
     * settings that fit a run of seconds — a fifth of the hits sampled, a grace period and windows that the demo's
     * settling period covers ({@code sample.demo.settle}).
     */
    public static final Map<String, Object> DEFAULT_PROPERTIES = Map.ofEntries(
            Map.entry("spring.main.web-application-type", "none"),
            Map.entry("spring.main.banner-mode", "off"),
            Map.entry("logging.level.root", "warn"),
            Map.entry("logging.level.dev.cacheaudit", "info"),
            Map.entry("logging.level.dev.cacheaudit.sample", "warn"),
            Map.entry("cache-audit.verification.enabled", "true"),
            Map.entry("cache-audit.verification.sample-rate", "0.2"),
            Map.entry("cache-audit.verification.max-per-second", "50"),
            Map.entry("cache-audit.verification.grace", "1500ms"),
            Map.entry("cache-audit.verification.windows", "300ms,1500ms,3s"),
            // Instances the demo starts meet at the next heartbeat: a second, not the default five.
            Map.entry("cache-audit.fleet.heartbeat-interval", "1s"));

    private static final Logger logger = LoggerFactory.getLogger(Demo.class);

    private final List<Traffic> traffic;

    /** Absent with {@code cache-audit.enabled=false}: the demo then only sends its traffic, for comparison. */
    private final @Nullable CacheAudit audit;

    private final DemoProperties properties;

    private final DemoInstances instances;

    Demo(List<Traffic> traffic, ObjectProvider<CacheAudit> audit, DemoProperties properties, DemoInstances instances) {
        this.traffic = List.copyOf(traffic);
        this.audit = audit.getIfAvailable();
        this.properties = Objects.requireNonNull(properties, "properties");
        this.instances = Objects.requireNonNull(instances, "instances");
    }

    /** Whether the command line asks for the demo. */
    public static boolean requested(String... args) {
        return Arrays.asList(args).contains("--demo");
    }

    /**
     * Runs the demo in a started context and closes it.
     *
     * @return the exit code: 0 when the demo ran, 1 when it failed
     */
    public static int runAndClose(ConfigurableApplicationContext context, PrintStream out) {
        try {
            context.getBean(Demo.class).run(out);
        } catch (RuntimeException ex) {
            logger.error("The demo failed", ex);
            SpringApplication.exit(context);
            return 1;
        }
        return SpringApplication.exit(context);
    }

    /**
     * Starts the run's other instances, if it has any, and sends the traffic of every {@link Traffic} bean, in order:
     * with several instances, each part on the next instance in turn, as a load balancer that keeps each client on
     * one instance would.
     */
    public TrafficLog drive() {
        instances.start();
        TrafficLog log = new TrafficLog();
        for (int index = 0; index < traffic.size(); index++) {
            instances.instance(index).getBean(Demo.class).traffic.get(index).drive(log);
        }
        return log;
    }

    /**
     * Drives the traffic, waits for the auditor of every instance and prints what they saw — with several instances,
     * one table of caches and one of findings naming the instance of each row — then stays up for
     * {@code sample.demo.linger} (so that a metrics scraper can read the meters). Without the auditor, only drives the
     * traffic.
     *
     * @return the first instance's report, or {@code null} when cache-audit is disabled
     */
    public @Nullable AuditReport run(PrintStream out) {
        TrafficLog log = drive();
        CacheAudit audit = this.audit;
        if (audit == null) {
            out.println("cache-audit is disabled (cache-audit.enabled=false): the demo sent " + log.reads()
                    + " reads and " + log.writes() + " writes, unaudited; "
                    + log.staleAnswers().size()
                    + " answers were stale and nothing said why");
            pause(properties.getLinger());
            return null;
        }
        pause(properties.getSettle());
        List<AuditReport> reports = new ArrayList<>();
        for (ConfigurableApplicationContext instance : instances.all()) {
            CacheAudit auditor = instance == instances.instance(0) ? audit : instance.getBean(CacheAudit.class);
            if (!auditor.awaitQuiescence(properties.getQuiescenceTimeout())) {
                logger.warn(
                        "cache-audit had not analysed every event after {}; the report may be incomplete",
                        properties.getQuiescenceTimeout());
            }
            reports.add(auditor.report());
        }
        new DemoPrinter(out).print(log, reports);
        pause(properties.getLinger());
        return reports.get(0);
    }

    private static void pause(java.time.Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
