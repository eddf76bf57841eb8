package dev.cacheaudit.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link AuditReport} as JSON with Jackson's streaming generator. The field names are the public
 * {@code cache-audit-report/1} contract: add fields freely, never rename or remove one.
 */
public final class ReportWriter {

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes the report to a writer, pretty-printed. */
    public void write(AuditReport report, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("schema", report.schema());
            json.writeStringField("application", report.application());
            json.writeStringField("instance", report.instance());
            json.writeStringField("startedAt", report.startedAt().toString());
            json.writeStringField("generatedAt", report.generatedAt().toString());
            json.writeNumberField("droppedEvents", report.droppedEvents());
            json.writeArrayFieldStart("caches");
            for (CacheReport cache : report.caches()) {
                writeCache(json, cache);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findings");
            for (Finding finding : report.findings()) {
                writeFinding(json, finding);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Writes the report to a file atomically: to a sibling temporary file first, then moved into place. */
    public void write(AuditReport report, Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path temporary = Files.createTempFile(parent, ".cache-audit-", ".json");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                write(report, out);
            }
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write the cache-audit report to " + path, ex);
        }
    }

    private static void writeCache(JsonGenerator json, CacheReport cache) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", cache.name());
        json.writeStringField("backend", cache.backend());
        json.writeNumberField("gets", cache.gets());
        json.writeNumberField("hits", cache.hits());
        json.writeNumberField("misses", cache.misses());
        json.writeNumberField("puts", cache.puts());
        json.writeNumberField("evictions", cache.evictions());
        json.writeNumberField("clears", cache.clears());
        CacheReport.Verifications verifications = cache.verifications();
        if (verifications != null) {
            json.writeObjectFieldStart("verifications");
            json.writeNumberField("fresh", verifications.fresh());
            json.writeNumberField("stale", verifications.stale());
            json.writeNumberField("inconclusive", verifications.inconclusive());
            json.writeEndObject();
        }
        if (!cache.tables().isEmpty()) {
            json.writeArrayFieldStart("tables");
            for (CacheReport.Table table : cache.tables()) {
                json.writeStartObject();
                json.writeStringField("table", table.table());
                json.writeArrayFieldStart("keyColumns");
                for (String column : table.keyColumns()) {
                    json.writeString(column);
                }
                json.writeEndArray();
                json.writeStringField("source", table.source());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", finding.id());
        json.writeStringField("kind", finding.kind().name());
        json.writeStringField("severity", finding.severity().name());
        json.writeStringField("status", finding.status());
        json.writeStringField("cache", finding.cache());
        json.writeStringField("message", finding.message());
        writeOptional(json, "readKey", finding.readKey());
        writeOptional(json, "writeKey", finding.writeKey());
        json.writeArrayFieldStart("sites");
        for (String site : finding.sites()) {
            json.writeString(site);
        }
        json.writeEndArray();
        json.writeNumberField("count", finding.count());
        json.writeStringField("firstSeen", finding.firstSeen().toString());
        json.writeStringField("lastSeen", finding.lastSeen().toString());
        json.writeStringField("remediation", finding.remediation());
        json.writeStringField("signature", finding.signature());
        if (!finding.evidence().isEmpty()) {
            json.writeObjectFieldStart("evidence");
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(finding.evidence()).entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        }
        Cause cause = finding.cause();
        if (cause != null) {
            writeCause(json, cause);
        }
        json.writeEndObject();
    }

    private static void writeCause(JsonGenerator json, Cause cause) throws IOException {
        writeOptional(json, "causedBy", cause.causedBy());
        writeOptional(json, "causedByFinding", cause.causedByFinding());
        json.writeObjectFieldStart("cause");
        json.writeStringField("summary", cause.summary());
        Cause.Write write = cause.lastWrite();
        if (write != null) {
            json.writeObjectFieldStart("lastWrite");
            json.writeStringField("what", write.what());
            json.writeStringField("site", write.site());
            json.writeStringField("instance", write.instance());
            json.writeStringField("transaction", write.transaction());
            json.writeStringField("at", write.at().toString());
            json.writeEndObject();
            Cause.Invalidation invalidation = cause.invalidation();
            if (invalidation != null) {
                json.writeObjectFieldStart("invalidation");
                json.writeStringField("operation", invalidation.operation());
                json.writeStringField("key", invalidation.key());
                writeOptional(json, "site", invalidation.site());
                json.writeStringField("removed", invalidation.removed());
                json.writeEndObject();
            } else {
                json.writeStringField("invalidation", "none");
            }
        }
        json.writeEndObject();
        json.writeArrayFieldStart("timeline");
        for (String step : cause.timeline()) {
            json.writeString(step);
        }
        json.writeEndArray();
    }

    private static void writeOptional(JsonGenerator json, String field, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
