package dev.cacheaudit.core.detect;

import dev.cacheaudit.core.event.DeclaredOperations;
import dev.cacheaudit.core.event.DeclaredOperations.Declared;
import dev.cacheaudit.core.event.DeclaredOperations.Kind;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Observation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Start-up analysis of declared key expressions: an evict or put whose key expression has other literal parts than
 * every read of the same cache ({@code 'user:' + #id} against {@code #id}), or that uses Spring's default key of a
 * whole object or of several arguments where reads use one plain value, cannot produce the keys reads use. These are
 * reported as suspicions; {@link #confirm(Observation, String)} turns run-time sightings from the same write site into
 * confirmations of them.
 */
final class DeclaredKeyAnalysis {

    private static final Pattern STRING_LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    private static final Set<String> SIMPLE_TYPES =
            Set.of("String", "Long", "long", "Integer", "int", "UUID", "Short", "short", "BigInteger", "BigDecimal");

    private static final int MAX_SUSPICIONS = 1000;

    /** Signatures of suspicions by cache and write site. */
    private final Map<String, String> suspicions = new HashMap<>();

    List<Observation> analyse(DeclaredOperations operations) {
        Map<String, List<Declared>> byCache = new LinkedHashMap<>();
        for (Declared operation : operations.operations()) {
            byCache.computeIfAbsent(operation.cache(), cache -> new ArrayList<>())
                    .add(operation);
        }
        List<Observation> out = new ArrayList<>();
        byCache.forEach((cache, declared) -> {
            List<Declared> reads =
                    declared.stream().filter(d -> d.kind() == Kind.READ).toList();
            if (reads.isEmpty() || reads.stream().anyMatch(r -> r.keyGenerator() != null)) {
                return;
            }
            for (Declared write : declared) {
                if ((write.kind() != Kind.EVICT && write.kind() != Kind.PUT) || write.keyGenerator() != null) {
                    continue;
                }
                if (reads.stream().noneMatch(read -> compatible(read, write))) {
                    out.add(suspect(cache, reads.get(0), write));
                } else {
                    Observation attribute = otherAttribute(cache, reads, write);
                    if (attribute != null) {
                        out.add(attribute);
                    }
                }
            }
        });
        return out;
    }

    /** A run-time sighting, under the signature of the suspicion about the same write site if there is one. */
    Observation confirm(Observation observation, @Nullable String site) {
        String signature = site != null ? suspicions.get(observation.cache() + "|" + site) : null;
        if (signature == null || observation.kind() != FindingKind.KEY_MISMATCH) {
            return observation;
        }
        return new Observation(
                observation.kind(),
                observation.cache(),
                signature,
                observation.message(),
                observation.readKey(),
                observation.writeKey(),
                observation.sites(),
                observation.evidence(),
                true);
    }

    private Observation suspect(String cache, Declared read, Declared write) {
        String signature = "declared:" + write.site();
        if (suspicions.size() < MAX_SUSPICIONS) {
            suspicions.put(cache + "|" + write.site(), signature);
        }
        String verb = write.kind() == Kind.EVICT ? "@CacheEvict" : "@CachePut";
        String message = verb + " on " + write.site() + " keys cache '" + cache + "' with " + describe(write)
                + " but @Cacheable reads key it with " + describe(read) + ": the keys cannot match";
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("readKeyExpression", expression(read));
        evidence.put("writeKeyExpression", expression(write));
        return new Observation(
                FindingKind.KEY_MISMATCH,
                cache,
                signature,
                message,
                null,
                null,
                List.of(read.site(), write.site()),
                evidence,
                false);
    }

    /**
     * A suspicion when the write's key names another attribute than every read's ({@code #c.id} against
     * {@code #phone}), or the same attribute normalised otherwise ({@code #user.login} against
     * {@code #login.toLowerCase()}); {@code null} when a read's attribute cannot be told or one matches.
     */
    private @Nullable Observation otherAttribute(String cache, List<Declared> reads, Declared write) {
        KeyExpressions.Attribute written = KeyExpressions.attribute(write.keyExpression());
        if (written == null) {
            return null;
        }
        Declared first = null;
        KeyExpressions.Attribute firstAttribute = null;
        boolean sameAttribute = false;
        for (Declared read : reads) {
            KeyExpressions.Attribute attribute = KeyExpressions.attribute(read.keyExpression());
            if (attribute == null
                    || (attribute.sameAs(written) && attribute.normalisations().equals(written.normalisations()))) {
                return null;
            }
            sameAttribute |= attribute.sameAs(written);
            if (first == null) {
                first = read;
                firstAttribute = attribute;
            }
        }
        if (first == null || firstAttribute == null) {
            return null;
        }
        String verb = write.kind() == Kind.EVICT ? "@CacheEvict" : "@CachePut";
        String how = sameAttribute
                ? "normalised differently (" + describeNormalisation(written) + " against "
                        + describeNormalisation(firstAttribute) + ")"
                : "by " + written.name() + " while @Cacheable reads key it by " + firstAttribute.name();
        String message = verb + " on " + write.site() + " keys cache '" + cache + "' with key \""
                + write.keyExpression() + "\" and @Cacheable reads with key \"" + first.keyExpression() + "\": "
                + (sameAttribute ? "the same attribute " + how : "it keys the cache " + how)
                + ", so the keys can differ for the same entity";
        String signature = "declared:" + write.site();
        if (suspicions.size() < MAX_SUSPICIONS) {
            suspicions.put(cache + "|" + write.site(), signature);
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("readKeyExpression", first.keyExpression());
        evidence.put("writeKeyExpression", write.keyExpression());
        evidence.put("readAttribute", firstAttribute.name());
        evidence.put("writeAttribute", written.name());
        return new Observation(
                FindingKind.KEY_MISMATCH,
                cache,
                signature,
                message,
                null,
                null,
                List.of(first.site(), write.site()),
                evidence,
                false);
    }

    private static String describeNormalisation(KeyExpressions.Attribute attribute) {
        return attribute.normalisations().isEmpty()
                ? "as it is"
                : String.join(" and ", attribute.normalisations()) + " normalised";
    }

    private static boolean compatible(Declared read, Declared write) {
        if (write.defaultKey()) {
            if (read.defaultKey()) {
                return read.parameterTypes().equals(write.parameterTypes());
            }
            // The default key of a single plain argument is that argument: it matches a read keyed by a plain value.
            return write.parameterTypes().size() == 1
                    && SIMPLE_TYPES.contains(write.parameterTypes().get(0))
                    && literals(read.keyExpression()).isEmpty();
        }
        if (read.defaultKey()) {
            return read.parameterTypes().size() == 1
                    && literals(write.keyExpression()).isEmpty();
        }
        return literals(read.keyExpression()).equals(literals(write.keyExpression()));
    }

    static Set<String> literals(String expression) {
        Set<String> out = new TreeSet<>();
        Matcher matcher = STRING_LITERAL.matcher(expression);
        while (matcher.find()) {
            out.add(matcher.group(1));
        }
        return out;
    }

    private static String describe(Declared operation) {
        if (operation.defaultKey()) {
            return operation.parameterTypes().size() == 1
                    ? "the default key (the whole " + operation.parameterTypes().get(0) + " argument)"
                    : "the default key of " + operation.parameterTypes().size() + " arguments (SimpleKey)";
        }
        return "key \"" + operation.keyExpression() + "\"";
    }

    private static String expression(Declared operation) {
        return operation.defaultKey() ? "(default key)" : operation.keyExpression();
    }
}
