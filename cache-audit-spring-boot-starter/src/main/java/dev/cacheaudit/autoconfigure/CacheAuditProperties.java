package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.core.EngineSettings;
import dev.cacheaudit.core.StateLimits;
import dev.cacheaudit.core.keys.KeyDecomposer;
import dev.cacheaudit.core.keys.KeyRedactor;
import dev.cacheaudit.core.verify.VerificationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of cache-audit. They check themselves when they are bound (Boot applies a properties class
 * that is a {@link Validator} to itself), so a bad value fails startup even when the application defines its own
 * {@code CacheAudit}.
 */
@ConfigurationProperties("cache-audit")
public class CacheAuditProperties implements Validator {

    /** Whether cache auditing is enabled. */
    private boolean enabled = true;

    /** Application name shown in reports; defaults to spring.application.name. */
    private @Nullable String application;

    private final Report report = new Report();

    private final Redaction redaction = new Redaction();

    private final Recording recording = new Recording();

    private final Limits limits = new Limits();

    private final Coverage coverage = new Coverage();

    private final Verification verification = new Verification();

    /** Per-cache settings, by cache name. */
    private final Map<String, CacheSettings> caches = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getApplication() {
        return application;
    }

    public void setApplication(@Nullable String application) {
        this.application = application;
    }

    public Report getReport() {
        return report;
    }

    public Redaction getRedaction() {
        return redaction;
    }

    public Recording getRecording() {
        return recording;
    }

    public Limits getLimits() {
        return limits;
    }

    public Coverage getCoverage() {
        return coverage;
    }

    public Verification getVerification() {
        return verification;
    }

    public Map<String, CacheSettings> getCaches() {
        return caches;
    }

    /**
     * The engine's settings: the per-key history takes most of the heap budget, the rest covers the queue, shapes and
     * findings.
     */
    public EngineSettings toEngineSettings(KeyDecomposer decomposer) {
        long keyBytes = Math.max(1024, limits.getMaxHeap().toBytes() * 7 / 10);
        return new EngineSettings(
                limits.getQueueCapacity(),
                Duration.ofSeconds(1),
                new StateLimits(keyBytes, limits.getMaxShapesPerCache(), limits.getMaxCaches()),
                decomposer);
    }

    /** The verifier's settings, with the fields each cache leaves out of comparisons. */
    public VerificationSettings toVerificationSettings() {
        return new VerificationSettings(
                verification.getSampleRate(),
                verification.getMaxPerSecond(),
                verification.getGrace(),
                verification.getWindows(),
                verification.getMaxPending(),
                ignoredFields());
    }

    /** Fraction of hits handed over as events: at least as many as verification samples. */
    public double hitEventRate() {
        double rate = recording.getHitSampleRate();
        return verification.isEnabled() ? Math.max(rate, verification.getSampleRate()) : rate;
    }

    /** The fields left out of comparisons, by cache. */
    public Map<String, Set<String>> ignoredFields() {
        Map<String, Set<String>> ignored = new LinkedHashMap<>();
        caches.forEach((cache, settings) -> ignored.put(cache, Set.copyOf(settings.getIgnoredFields())));
        return ignored;
    }

    /** The identifying field named for each cache that names one. */
    public Map<String, String> idFields() {
        Map<String, String> idFields = new LinkedHashMap<>();
        caches.forEach((cache, settings) -> {
            if (settings.getIdField() != null) {
                idFields.put(cache, settings.getIdField());
            }
        });
        return idFields;
    }

    /** The entity classes named for each cache. */
    public Map<String, List<String>> entities() {
        Map<String, List<String>> entities = new LinkedHashMap<>();
        caches.forEach((cache, settings) -> entities.put(cache, settings.getEntity()));
        return entities;
    }

    /** The caches whose values must not be verified. */
    public Set<String> unverifiedCaches() {
        Set<String> optedOut = new HashSet<>();
        caches.forEach((cache, settings) -> {
            if (!settings.isVerify()) {
                optedOut.add(cache);
            }
        });
        return optedOut;
    }

    @Override
    public boolean supports(Class<?> type) {
        return CacheAuditProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks the values that binding alone cannot. It throws rather than reporting to {@code errors}, so that startup
     * fails with the message that names the property, as Boot's failure analysis shows it.
     *
     * @throws InvalidConfigurationPropertyValueException when a value is out of range
     */
    @Override
    public void validate(Object target, Errors errors) {
        ((CacheAuditProperties) target).checkValues();
    }

    private void checkValues() {
        double rate = recording.getHitSampleRate();
        if (!(rate >= 0 && rate <= 1)) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.recording.hit-sample-rate", rate, "It must be between 0 and 1.");
        }
        positive("cache-audit.limits.queue-capacity", limits.getQueueCapacity());
        positive("cache-audit.limits.max-shapes-per-cache", limits.getMaxShapesPerCache());
        positive("cache-audit.limits.max-caches", limits.getMaxCaches());
        positive("cache-audit.limits.max-findings", limits.getMaxFindings());
        if (limits.getMaxHeap().toBytes() < DataSize.ofMegabytes(1).toBytes()) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.limits.max-heap", limits.getMaxHeap(), "It must be at least 1MB.");
        }
        double verifyRate = verification.getSampleRate();
        if (!(verifyRate >= 0 && verifyRate <= 1)) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.verification.sample-rate", verifyRate, "It must be between 0 and 1.");
        }
        if (!(verification.getMaxPerSecond() > 0)) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.verification.max-per-second", verification.getMaxPerSecond(), "It must be positive.");
        }
        if (verification.getGrace().isNegative()) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.verification.grace", verification.getGrace(), "It must not be negative.");
        }
        for (Duration w : verification.getWindows()) {
            if (w.isNegative()) {
                throw new InvalidConfigurationPropertyValueException(
                        "cache-audit.verification.windows", verification.getWindows(), "No window may be negative.");
            }
        }
        positive("cache-audit.verification.max-pending", verification.getMaxPending());
        if (verification.getTimeout().isNegative() || verification.getTimeout().isZero()) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.verification.timeout", verification.getTimeout(), "It must be positive.");
        }
        String hashKey = redaction.getHashKey();
        if (hashKey != null && hashKey.length() < 16) {
            // The value itself is a secret: it is not repeated in the message.
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.redaction.hash-key", "(hidden)", "It must be at least 16 characters long.");
        }
        Duration window = coverage.getWindow();
        if (window.isNegative() || window.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.coverage.window", window, "It must be between 0 and 10 minutes.");
        }
        caches.forEach((name, settings) -> {
            for (String entity : settings.getEntity()) {
                if (!entity.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
                    throw new InvalidConfigurationPropertyValueException(
                            "cache-audit.caches." + name + ".entity",
                            entity,
                            "It must be fully qualified class names of entities.");
                }
            }
            String idField = settings.getIdField();
            if (idField != null && !idField.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*")) {
                throw new InvalidConfigurationPropertyValueException(
                        "cache-audit.caches." + name + ".id-field", idField, "It must be the name of a field.");
            }
            for (String table : settings.getTables()) {
                if (!table.matches("[\\p{L}_][\\p{L}\\p{N}_$]*(\\.[\\p{L}_][\\p{L}\\p{N}_$]*)?")) {
                    throw new InvalidConfigurationPropertyValueException(
                            "cache-audit.caches." + name + ".tables",
                            table,
                            "It must be table names, optionally qualified by a schema.");
                }
            }
        });
        Path path = report.getPath();
        if (path != null && Files.isDirectory(path)) {
            throw new InvalidConfigurationPropertyValueException(
                    "cache-audit.report.path", path, "It names a directory; give the path of a file.");
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new InvalidConfigurationPropertyValueException(name, value, "It must be positive.");
        }
    }

    /** How writes to the source of truth are matched with cache invalidations. */
    public static class Coverage {

        /**
         * How long after a write (or after its transaction committed) an eviction, put or clear still covers it, for
         * invalidation from after-commit listeners or done asynchronously.
         */
        private Duration window = Duration.ofSeconds(2);

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }

    /** Verification of cached values against the source of truth; off by default, since it reads the database. */
    public static class Verification {

        /** Whether cached values are re-read from their source and compared. */
        private boolean enabled = false;

        /** Fraction of cache hits whose value is verified. */
        private double sampleRate = 0.01;

        /** The most source reads per second verification may make, whatever the traffic; checks beyond are skipped. */
        private double maxPerSecond = 10;

        /** How long a difference may last after a write before it is reported as a stale read. */
        private Duration grace = Duration.ofSeconds(5);

        /** When, after a write or invalidation of an entry, it is checked again. */
        private List<Duration> windows =
                new ArrayList<>(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60)));

        /** The most checks waiting to run; checks beyond are skipped and counted. */
        private int maxPending = 10_000;

        /**
         * How long one source read may take; a read that takes longer is abandoned and counted as inconclusive, and no
         * other read starts until it returns. Also the timeout of the read's transaction.
         */
        private Duration timeout = Duration.ofSeconds(2);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public double getSampleRate() {
            return sampleRate;
        }

        public void setSampleRate(double sampleRate) {
            this.sampleRate = sampleRate;
        }

        public double getMaxPerSecond() {
            return maxPerSecond;
        }

        public void setMaxPerSecond(double maxPerSecond) {
            this.maxPerSecond = maxPerSecond;
        }

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        public List<Duration> getWindows() {
            return windows;
        }

        public void setWindows(List<Duration> windows) {
            this.windows = windows;
        }

        public int getMaxPending() {
            return maxPending;
        }

        public void setMaxPending(int maxPending) {
            this.maxPending = maxPending;
        }
    }

    /** Settings of one cache. */
    public static class CacheSettings {

        /** Whether this cache's values may be verified; turn off for methods that are not safe to call again. */
        private boolean verify = true;

        /** Fields left out when this cache's values are compared with the source (timestamps, say). */
        private List<String> ignoredFields = new ArrayList<>();

        /**
         * Bean name of the transaction manager that owns this cache's data, in which verification reads run and are
         * rolled back; needed where there are several and the loading method does not name one.
         */
        private @Nullable String transactionManager;

        public @Nullable String getTransactionManager() {
            return transactionManager;
        }

        public void setTransactionManager(@Nullable String transactionManager) {
            this.transactionManager = transactionManager;
        }

        public boolean isVerify() {
            return verify;
        }

        public void setVerify(boolean verify) {
            this.verify = verify;
        }

        public List<String> getIgnoredFields() {
            return ignoredFields;
        }

        public void setIgnoredFields(List<String> ignoredFields) {
            this.ignoredFields = ignoredFields;
        }

        /**
         * Fully qualified class names of the entities whose values this cache holds, when its @Cacheable methods return
         * other types (DTOs, say): a write of such an entity must invalidate the cache.
         */
        private List<String> entity = new ArrayList<>();

        public List<String> getEntity() {
            return entity;
        }

        public void setEntity(List<String> entity) {
            this.entity = entity;
        }

        /**
         * Name of the field (or record component) that identifies this cache's values, when it is neither annotated
         * with @Id nor named id: it tells which entity each cached value holds.
         */
        private @Nullable String idField;

        public @Nullable String getIdField() {
            return idField;
        }

        public void setIdField(@Nullable String idField) {
            this.idField = idField;
        }

        /**
         * Tables whose rows this cache's entries are made of, instead of those learned from the queries its loads run:
         * a write to one of them must invalidate the cache.
         */
        private List<String> tables = new ArrayList<>();

        public List<String> getTables() {
            return tables;
        }

        public void setTables(List<String> tables) {
            this.tables = tables;
        }
    }

    /** Where the report goes. */
    public static class Report {

        /**
         * File the JSON report is written to when the application shuts down, with the same report as an HTML page
         * beside it ({@code .html} in place of {@code .json}); none by default.
         */
        private @Nullable Path path;

        public @Nullable Path getPath() {
            return path;
        }

        public void setPath(@Nullable Path path) {
            this.path = path;
        }
    }

    /** How keys are shown outside the process. */
    public static class Redaction {

        /**
         * How keys appear in logs, reports, meters, the endpoint and test failures: 'shape' keeps the words known to
         * be structure and replaces every other part by a placeholder and a keyed hash, 'hash' hashes whole keys,
         * 'plain' shows keys as they are.
         */
        private KeyRedactor.Mode keys = KeyRedactor.Mode.SHAPE;

        /**
         * Secret key of the HMAC-SHA256 that hashes key parts, at least 16 characters; set the same value on every
         * instance for hashes that compare across instances. Random per process when not set.
         */
        private @Nullable String hashKey;

        public @Nullable String getHashKey() {
            return hashKey;
        }

        public void setHashKey(@Nullable String hashKey) {
            this.hashKey = hashKey;
        }

        public KeyRedactor.Mode getKeys() {
            return keys;
        }

        public void setKeys(KeyRedactor.Mode keys) {
            this.keys = keys;
        }
    }

    /** What the recording layer records. */
    public static class Recording {

        /**
         * Fraction of cache hits handed to the engine as events (all hits are counted), and of the reads of a Redis
         * cache whose GET is recorded on the wire. Misses, puts and evictions are always recorded.
         */
        private double hitSampleRate = 0.01;

        /** Whether Redis commands are recorded through a Lettuce command listener. */
        private boolean redisCommands = true;

        /**
         * Whether writes to the database are recorded: Spring Data repository writes (save, delete, modifying queries)
         * and, with Hibernate, every entity flushed (dirty checking included).
         */
        private boolean repositoryWrites = true;

        /**
         * Whether statements run through the application's data sources are recorded (with datasource-proxy and
         * JSqlParser on the class path), to learn which tables feed each cache and to judge writes by any data-access
         * library.
         */
        private boolean jdbc = true;

        public boolean isJdbc() {
            return jdbc;
        }

        public void setJdbc(boolean jdbc) {
            this.jdbc = jdbc;
        }

        public double getHitSampleRate() {
            return hitSampleRate;
        }

        public void setHitSampleRate(double hitSampleRate) {
            this.hitSampleRate = hitSampleRate;
        }

        public boolean isRedisCommands() {
            return redisCommands;
        }

        public void setRedisCommands(boolean redisCommands) {
            this.redisCommands = redisCommands;
        }

        public boolean isRepositoryWrites() {
            return repositoryWrites;
        }

        public void setRepositoryWrites(boolean repositoryWrites) {
            this.repositoryWrites = repositoryWrites;
        }
    }

    /** Caps on what the auditor holds; what is dropped or forgotten to stay within them is counted. */
    public static class Limits {

        /** Events that may wait for analysis before new ones are dropped. */
        private int queueCapacity = 65_536;

        /**
         * Heap budget of the auditor's state: the per-key history may take 70 % of it; the rest is headroom for the
         * queue, key shapes and findings, which their own limits bound.
         */
        private DataSize maxHeap = DataSize.ofMegabytes(64);

        /** Distinct key shapes kept per cache and per kind of operation. */
        private int maxShapesPerCache = 256;

        /** Distinct caches tracked. */
        private int maxCaches = 1000;

        /** Distinct findings kept. */
        private int maxFindings = 1000;

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public DataSize getMaxHeap() {
            return maxHeap;
        }

        public void setMaxHeap(DataSize maxHeap) {
            this.maxHeap = maxHeap;
        }

        public int getMaxShapesPerCache() {
            return maxShapesPerCache;
        }

        public void setMaxShapesPerCache(int maxShapesPerCache) {
            this.maxShapesPerCache = maxShapesPerCache;
        }

        public int getMaxCaches() {
            return maxCaches;
        }

        public void setMaxCaches(int maxCaches) {
            this.maxCaches = maxCaches;
        }

        public int getMaxFindings() {
            return maxFindings;
        }

        public void setMaxFindings(int maxFindings) {
            this.maxFindings = maxFindings;
        }
    }
}
