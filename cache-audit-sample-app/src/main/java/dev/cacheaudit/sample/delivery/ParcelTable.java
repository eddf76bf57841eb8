package dev.cacheaudit.sample.delivery;

import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code parcel} table, created and filled at start-up with plain JDBC (no JPA entity maps it), the same on H2 and
 * PostgreSQL. Its rows are reset on every start, so a database kept from an earlier run starts from the same rounds.
 */
public class ParcelTable implements InitializingBean {

    /** The delivery rounds seeded: numbers no parcel id takes, so a round's list is never keyed like a parcel. */
    public static final List<Long> ROUNDS = List.of(10L, 20L);

    private final JdbcTemplate jdbc;

    public ParcelTable(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void afterPropertiesSet() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS parcel (id BIGINT PRIMARY KEY, round_id BIGINT NOT NULL,"
                + " label VARCHAR(64) NOT NULL)");
        jdbc.update("DELETE FROM parcel");
        jdbc.update(
                "INSERT INTO parcel (id, round_id, label) VALUES (101, 10, '1 Mill Lane'), (102, 10, '7 Quay Street'),"
                        + " (103, 10, '3 Market Row'), (201, 20, '12 Hill Road'), (202, 20, '5 Orchard Close')");
    }

    /** The parcels of a round, by id. */
    public List<ParcelDto> parcels(long roundId) {
        return jdbc.query(
                "SELECT id, round_id, label FROM parcel WHERE round_id = ? ORDER BY id",
                (rs, row) -> new ParcelDto(rs.getLong("id"), rs.getLong("round_id"), rs.getString("label")),
                roundId);
    }

    /** The round a parcel is on. */
    public long roundOf(long parcelId) {
        Long round = jdbc.queryForObject("SELECT round_id FROM parcel WHERE id = ?", Long.class, parcelId);
        return Objects.requireNonNull(round, "round_id");
    }

    /** Moves a parcel to another round. */
    public void move(long parcelId, long roundId) {
        jdbc.update("UPDATE parcel SET round_id = ? WHERE id = ?", roundId, parcelId);
    }
}
