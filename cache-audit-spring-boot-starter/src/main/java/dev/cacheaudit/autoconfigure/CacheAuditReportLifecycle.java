package dev.cacheaudit.autoconfigure;

import dev.cacheaudit.core.CacheAudit;
import dev.cacheaudit.core.report.AuditReport;
import dev.cacheaudit.core.report.HtmlReportWriter;
import dev.cacheaudit.core.report.ReportWriter;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes the report to {@code cache-audit.report.path} when the application shuts down, and the same report as a page
 * for people beside it ({@code .html} in place of {@code .json}). It stops in the lowest phase,
 * after the web server and the application's own components, so the report holds everything they did. A report that
 * cannot be written is logged, never thrown: shutdown goes on.
 */
final class CacheAuditReportLifecycle implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(CacheAuditReportLifecycle.class);

    private final CacheAudit audit;

    private final Path path;

    private volatile boolean running;

    CacheAuditReportLifecycle(CacheAudit audit, Path path) {
        this.audit = audit;
        this.path = path;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            AuditReport report = audit.report();
            new ReportWriter().write(report, path);
            Path html = HtmlReportWriter.htmlPathFor(path);
            new HtmlReportWriter().write(report, html);
            logger.info("cache-audit report written to {} and {}", path.toAbsolutePath(), html.toAbsolutePath());
        } catch (RuntimeException ex) {
            logger.warn("cache-audit could not write its report to {}", path.toAbsolutePath(), ex);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
