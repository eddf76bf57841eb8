package dev.cacheaudit.autoconfigure.fleet;

import dev.cacheaudit.core.fleet.Fleet;
import dev.cacheaudit.core.fleet.FleetStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The fleet's meters, registered only when this instance is a member:
 *
 * <ul>
 *   <li>{@code cache.audit.fleet.messages} (counter, tag {@code result}: {@code published}, {@code received},
 *       {@code dropped})
 *   <li>{@code cache.audit.fleet.failures} (counter): attempts to reach Redis that failed
 *   <li>{@code cache.audit.fleet.paused} (gauge): 1 while Redis cannot be reached and fleet features are paused
 *   <li>{@code cache.audit.fleet.members} (gauge): other instances heard from recently
 * </ul>
 */
final class FleetMeters implements MeterBinder {

    private final FleetMembership membership;

    FleetMeters(FleetMembership membership) {
        this.membership = membership;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // Registries are bound before membership is decided: the meters follow once this instance is a member.
        membership.whenMember(fleet -> register(registry, fleet));
    }

    private static void register(MeterRegistry registry, Fleet fleet) {
        FleetStats stats = fleet.stats();
        messages(registry, stats, "published", FleetStats::published);
        messages(registry, stats, "received", FleetStats::received);
        messages(registry, stats, "dropped", FleetStats::dropped);
        FunctionCounter.builder("cache.audit.fleet.failures", stats, FleetStats::transportFailures)
                .description("Attempts of the fleet to reach Redis that failed")
                .register(registry);
        Gauge.builder("cache.audit.fleet.paused", stats, s -> s.paused() ? 1 : 0)
                .description("Whether fleet features are paused because Redis cannot be reached")
                .register(registry);
        Gauge.builder("cache.audit.fleet.members", fleet, f -> f.members().size())
                .description("Other instances of the application heard from recently")
                .register(registry);
    }

    private static void messages(
            MeterRegistry registry, FleetStats stats, String result, ToDoubleFunction<FleetStats> count) {
        FunctionCounter.builder("cache.audit.fleet.messages", stats, count)
                .description("Fleet messages this instance published, received from others, or dropped")
                .tag("result", result)
                .register(registry);
    }
}
