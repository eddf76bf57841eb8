package dev.cacheaudit.sample;

import dev.cacheaudit.core.finding.Finding;
import dev.cacheaudit.sample.demo.Demo;
import dev.cacheaudit.sample.demo.DemoInstances;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One {@code --demo} run as {@code java -jar ... --demo --sample.bugs=<ids>} does it, up to but without
 * {@code System.exit}: traffic, the settling period, the printed tables, and the report written when the context
 * closes. Further arguments ({@code --name=value}) change the demo's properties.
 *
 * @param exitCode what {@code main} would exit with
 * @param findings what the auditors of every instance of the run found
 * @param output what the demo printed
 * @param report the report written at shutdown
 */
record DemoRun(int exitCode, List<Finding> findings, String output, String report) {

    static DemoRun of(String bugs, Path reportFile, String... arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<String> args =
                new ArrayList<>(List.of("--demo", "--sample.bugs=" + bugs, "--cache-audit.report.path=" + reportFile));
        args.addAll(List.of(arguments));
        ConfigurableApplicationContext context = SampleApps.start(out, args.toArray(String[]::new));
        DemoInstances instances = context.getBean(DemoInstances.class);
        int exitCode = Demo.runAndClose(context, out);
        try {
            return new DemoRun(
                    exitCode,
                    instances.audits().stream()
                            .flatMap(audit -> audit.findings().findings().stream())
                            .toList(),
                    bytes.toString(StandardCharsets.UTF_8),
                    Files.readString(reportFile));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
