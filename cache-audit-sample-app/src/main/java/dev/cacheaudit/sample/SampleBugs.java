package dev.cacheaudit.sample;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code sample.bugs} switch: which scenarios of the catalogue run in their buggy form. Empty means every fix is in
 * place. An id outside the catalogue fails start-up.
 *
 * <p>A scenario is switched where its code lives, by asking this bean: a {@code @Bean} method returns the buggy or
 * the fixed implementation of one small collaborator depending on {@code bugs.enabled("key-prefix")}, and the
 * scenario's extra traffic is a further {@link dev.cacheaudit.sample.demo.Traffic} bean that the demo drives.
 *
 * @param bugs the ids of the scenarios that run in their buggy form
 */
@ConfigurationProperties("sample")
public record SampleBugs(@DefaultValue List<String> bugs) {

    /** The ids of the scenario catalogue, in the order of the design document. */
    public static final List<String> CATALOGUE = List.of(
            "key-prefix",
            "key-default",
            "key-type",
            "cache-name",
            "template-key",
            "job-no-evict",
            "dirty-check",
            "evict-in-tx",
            "swallowed-evict",
            "jdbc-bypass",
            "replica-lag",
            "long-ttl",
            "warm-once",
            "clear-all",
            "stampede",
            "local-multi",
            "foreign-writer",
            "entity-no-equals",
            "entity-id-equals",
            "key-attribute",
            "key-case",
            "key-login",
            "mybatis-no-evict",
            "list-old-parent",
            "evict-then-insert");

    public SampleBugs {
        List<String> ids = new ArrayList<>();
        for (String bug : bugs) {
            String id = bug.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!CATALOGUE.contains(id)) {
                throw new IllegalArgumentException("Unknown scenario id '" + id
                        + "' in property 'sample.bugs'; valid ids: " + String.join(", ", CATALOGUE));
            }
            ids.add(id);
        }
        bugs = List.copyOf(ids);
    }

    /** Whether the scenario with this catalogue id runs in its buggy form. */
    public boolean enabled(String id) {
        if (!CATALOGUE.contains(id)) {
            throw new IllegalArgumentException(
                    "'" + id + "' is not a scenario id; valid ids: " + String.join(", ", CATALOGUE));
        }
        return bugs.contains(id);
    }
}
