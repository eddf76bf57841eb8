package dev.cacheaudit.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cacheaudit.core.finding.Cause;
import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.core.finding.FindingKind;
import dev.cacheaudit.core.finding.Severity;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code cache-audit-report/1} JSON document back into an {@link AuditReport}. Unknown fields are ignored, so
 * reports written by newer versions that only added fields still read.
 */
public final class ReportReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** Reads a report; fails with a clear message when the document is not a {@code cache-audit-report/1}. */
    public AuditReport read(Reader in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            Object tree = value(parser, parser.nextToken());
            if (!(tree instanceof Map<?, ?> root)) {
                throw new IOException("A cache-audit report is a JSON object");
            }
            String schema = string(root, "schema");
            if (!AuditReport.SCHEMA.equals(schema)) {
                throw new IOException("Unsupported report schema '" + schema + "', expected " + AuditReport.SCHEMA);
            }
            List<CacheReport> caches = new ArrayList<>();
            for (Object cache : list(root, "caches")) {
                caches.add(cache((Map<?, ?>) cache));
            }
            List<Finding> findings = new ArrayList<>();
            for (Object finding : list(root, "findings")) {
                findings.add(finding((Map<?, ?>) finding));
            }
            return new AuditReport(
                    schema,
                    string(root, "application"),
                    string(root, "instance"),
                    Instant.parse(string(root, "startedAt")),
                    Instant.parse(string(root, "generatedAt")),
                    caches,
                    findings,
                    number(root, "droppedEvents"));
        }
    }

    private static CacheReport cache(Map<?, ?> cache) {
        CacheReport.Verifications verifications = null;
        if (cache.get("verifications") instanceof Map<?, ?> v) {
            verifications =
                    new CacheReport.Verifications(number(v, "fresh"), number(v, "stale"), number(v, "inconclusive"));
        }
        return new CacheReport(
                string(cache, "name"),
                string(cache, "backend"),
                number(cache, "gets"),
                number(cache, "hits"),
                number(cache, "misses"),
                number(cache, "puts"),
                number(cache, "evictions"),
                number(cache, "clears"),
                verifications,
                tables(cache));
    }

    private static List<CacheReport.Table> tables(Map<?, ?> cache) {
        List<CacheReport.Table> tables = new java.util.ArrayList<>();
        if (cache.get("tables") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> table) {
                    List<String> columns = table.get("keyColumns") instanceof List<?> c
                            ? c.stream().map(String::valueOf).toList()
                            : List.of();
                    tables.add(new CacheReport.Table(string(table, "table"), columns, string(table, "source")));
                }
            }
        }
        return tables;
    }

    private static Finding finding(Map<?, ?> finding) {
        Map<String, String> evidence = new LinkedHashMap<>();
        if (finding.get("evidence") instanceof Map<?, ?> e) {
            e.forEach((k, v) -> evidence.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> sites =
                list(finding, "sites").stream().map(String::valueOf).toList();
        return new Finding(
                FindingKind.valueOf(string(finding, "kind")),
                Severity.valueOf(string(finding, "severity")),
                string(finding, "cache"),
                optional(finding, "signature", ""),
                string(finding, "message"),
                optional(finding, "readKey", null),
                optional(finding, "writeKey", null),
                sites,
                number(finding, "count"),
                Instant.parse(string(finding, "firstSeen")),
                Instant.parse(string(finding, "lastSeen")),
                string(finding, "remediation"),
                evidence,
                optional(finding, "status", Finding.CONFIRMED),
                cause(finding));
    }

    /** The cause of a stale finding; reports written before causes were added have none. */
    private static @Nullable Cause cause(Map<?, ?> finding) {
        Map<?, ?> cause = finding.get("cause") instanceof Map<?, ?> c ? c : null;
        String causedBy = optional(finding, "causedBy", null);
        if (cause == null && causedBy == null) {
            return null;
        }
        Cause.Write write = null;
        Cause.Invalidation invalidation = null;
        if (cause != null && cause.get("lastWrite") instanceof Map<?, ?> w) {
            write = new Cause.Write(
                    string(w, "what"),
                    string(w, "site"),
                    string(w, "instance"),
                    string(w, "transaction"),
                    Instant.parse(string(w, "at")));
        }
        if (cause != null && cause.get("invalidation") instanceof Map<?, ?> i) {
            invalidation = new Cause.Invalidation(
                    string(i, "operation"), string(i, "key"), optional(i, "site", null), string(i, "removed"));
        }
        List<String> timeline =
                list(finding, "timeline").stream().map(String::valueOf).toList();
        return new Cause(causedBy, optional(finding, "causedByFinding", null), write, invalidation, timeline);
    }

    private static @Nullable Object value(JsonParser parser, @Nullable JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("Unexpected end of report");
        }
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, next));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("Unexpected JSON token " + token);
        }
    }

    private static String string(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            throw new IllegalArgumentException("Report field '" + field + "' is missing");
        }
        return String.valueOf(value);
    }

    private static @Nullable String optional(Map<?, ?> map, String field, @Nullable String fallback) {
        Object value = map.get(field);
        return value != null ? String.valueOf(value) : fallback;
    }

    private static long number(Map<?, ?> map, String field) {
        return map.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static List<?> list(Map<?, ?> map, String field) {
        return map.get(field) instanceof List<?> l ? l : List.of();
    }
}
