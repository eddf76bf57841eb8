package dev.cacheaudit.sample.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the {@code --demo} run. */
@ConfigurationProperties("sample.demo")
public class DemoProperties {

    /**
     * How long to wait after the traffic before reading the findings, so that time-based checks can run: at least
     * {@code cache-audit.coverage.window} and 1.5 s more, since uncovered writes and full clears are judged on the
     * auditor's one-second tick after that window; and at least the last of {@code cache-audit.verification.windows}
     * (or the grace period, if longer) and a second more, so that the last write's checks and rechecks have run.
     */
    private Duration settle = Duration.ofSeconds(5);

    /** How long to wait at most for the auditor to analyse every recorded event. */
    private Duration quiescenceTimeout = Duration.ofSeconds(10);

    /**
     * How long the demo stays up after printing its findings, so that a metrics scraper (Prometheus on
     * /actuator/prometheus, with a web server on) can read the meters; 0 to exit at once.
     */
    private Duration linger = Duration.ZERO;

    public Duration getLinger() {
        return linger;
    }

    public void setLinger(Duration linger) {
        this.linger = linger;
    }

    public Duration getSettle() {
        return settle;
    }

    public void setSettle(Duration settle) {
        this.settle = settle;
    }

    public Duration getQuiescenceTimeout() {
        return quiescenceTimeout;
    }

    public void setQuiescenceTimeout(Duration quiescenceTimeout) {
        this.quiescenceTimeout = quiescenceTimeout;
    }
}
