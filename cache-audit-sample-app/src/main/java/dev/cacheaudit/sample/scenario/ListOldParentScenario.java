package dev.cacheaudit.sample.scenario;

import dev.cacheaudit.sample.SampleBugs;
import dev.cacheaudit.sample.delivery.ParcelDto;
import dev.cacheaudit.sample.delivery.ParcelTable;
import dev.cacheaudit.sample.demo.Traffic;
import java.util.List;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code list-old-parent}: the parcels of each delivery round are cached as a list per round; the dispatcher moves a
 * parcel to another round with a plain JDBC update ({@code UPDATE parcel SET round_id = ? WHERE id = ?}) and evicts
 * only the list of the round it joins. The list of the round it left still shows it, and its key never appears in the
 * statement: lineage matches the row to that list by the parcel the list holds ({@code UNCOVERED_WRITE}). The fix
 * evicts both lists.
 */
@Configuration(proxyBeanMethods = false)
class ListOldParentScenario {

    static final String ID = "list-old-parent";

    /** The parcel moved, from the first round to the second. */
    private static final long PARCEL_MOVED = 101;

    @Bean
    ParcelTable parcelTable(JdbcTemplate jdbc) {
        return new ParcelTable(jdbc);
    }

    @Bean
    DeliveryRounds deliveryRounds(ParcelTable parcels) {
        return new DeliveryRounds(parcels);
    }

    @Bean
    ParcelMoves parcelMoves(SampleBugs bugs, ParcelTable parcels, CacheManager caches) {
        return bugs.enabled(ID)
                ? new NewRoundEvictingParcelMoves(parcels)
                : new BothRoundsEvictingParcelMoves(parcels, caches);
    }

    /** Lists both rounds, moves a parcel from the first to the second, then lists both again. */
    @Bean
    @Order(28)
    Traffic listOldParentTraffic(DeliveryRounds rounds, ParcelMoves moves) {
        return log -> {
            long from = ParcelTable.ROUNDS.get(0);
            long to = ParcelTable.ROUNDS.get(1);
            for (long round : ParcelTable.ROUNDS) {
                log.read(rounds.parcels(round));
                log.read(rounds.parcels(round));
            }
            moves.move(PARCEL_MOVED, to);
            log.write(PARCEL_MOVED);
            log.readExpecting("parcel " + PARCEL_MOVED + " on round " + from, false, carries(rounds.parcels(from)));
            log.readExpecting("parcel " + PARCEL_MOVED + " on round " + to, true, carries(rounds.parcels(to)));
        };
    }

    private static boolean carries(List<ParcelDto> parcels) {
        return parcels.stream().anyMatch(parcel -> parcel.id() == PARCEL_MOVED);
    }
}
