package dev.cacheaudit.benchmarks;

import dev.cacheaudit.autoconfigure.jdbc.JSqlParserStatements;
import dev.cacheaudit.autoconfigure.jdbc.StatementRecorder;
import dev.cacheaudit.autoconfigure.support.TransactionProbe;
import dev.cacheaudit.core.CacheAudit;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * cache-audit's own share of a recorded statement, without the database and without datasource-proxy: the listener
 * call datasource-proxy makes after each statement. A query outside a cache load costs the thread-local read and the
 * look at its first word; an update costs the call site, the parameter copy and the hand-off to the engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatementRecorderBenchmark {

    private CacheAudit audit;

    private StatementRecorder recorder;

    private ExecutionInfo execution;

    private List<QueryInfo> query;

    private List<QueryInfo> update;

    @Setup(Level.Trial)
    public void start() throws NoSuchMethodException {
        audit = CacheAudit.builder()
                .withoutFindingLog()
                .sqlParser(new JSqlParserStatements(2048))
                .build()
                .start();
        recorder = new StatementRecorder(audit, TransactionProbe.NONE);
        execution = new ExecutionInfo();
        execution.setSuccess(true);
        query = List.of(queryInfo("SELECT name FROM item WHERE id = ?", 7L));
        update = List.of(queryInfo("UPDATE item SET name = ? WHERE id = ?", "renamed", 7L));
    }

    private static QueryInfo queryInfo(String sql, Object... values) throws NoSuchMethodException {
        QueryInfo info = new QueryInfo(sql);
        List<ParameterSetOperation> set = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            set.add(new ParameterSetOperation(
                    PreparedStatement.class.getMethod("setObject", int.class, Object.class),
                    new Object[] {i + 1, values[i]}));
        }
        info.getParametersList().add(set);
        return info;
    }

    /** Checks that the updates reached the engine; queries outside a load are, by design, not handed over. */
    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) {
        long handed = audit.engine().processedEvents() + audit.engine().droppedEvents();
        audit.close();
        if (params.getBenchmark().endsWith(".update") && handed == 0) {
            throw new IllegalStateException("No update reached the engine");
        }
    }

    @Benchmark
    @Threads(1)
    public void queryOutsideLoad() {
        recorder.afterQuery(execution, query);
    }

    @Benchmark
    @Threads(1)
    public void update() {
        recorder.afterQuery(execution, update);
    }
}
