package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The starter talks to core through {@code CacheAudit} only: no class of the starter refers to a type of core's
 * internal packages (the engine, the state), which also rules out {@code CacheAudit.engine()} and
 * {@code CacheAudit.caches()}, whose signatures name them. Read from the compiled classes, so a fully qualified name
 * or a call through a returned value counts as much as an import.
 */
class FacadeOnlyTests {

    private static final String INTERNAL = "dev/cacheaudit/core/internal/";

    @Test
    void noStarterClassRefersToCoreInternals() throws IOException, URISyntaxException {
        List<String> offenders = new ArrayList<>();
        int read = 0;
        for (ClassFile file : starterClasses()) {
            read++;
            if (file.bytes().contains(INTERNAL)) {
                offenders.add(file.name());
            }
        }
        assertThat(read).as("starter classes read").isGreaterThan(50);
        assertThat(offenders).as("starter classes referring to " + INTERNAL).isEmpty();
    }

    @Test
    void theCheckSeesAReferenceToCoreInternals() throws IOException {
        // The check reads constant pools as text: a class of core's internal packages holds its own name.
        String own = "/dev/cacheaudit/core/internal/engine/AuditEngine.class";
        try (InputStream in = FacadeOnlyTests.class.getResourceAsStream(own)) {
            assertThat(in).as(own).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                    .contains(INTERNAL);
        }
    }

    private record ClassFile(String name, String bytes) {}

    private static List<ClassFile> starterClasses() throws IOException, URISyntaxException {
        Path location = Path.of(CacheAuditAutoConfiguration.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<ClassFile> classes = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    classes.add(new ClassFile(
                            location.relativize(file).toString(),
                            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
                }
            }
            return classes;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.add(new ClassFile(
                                entry.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
                    }
                }
            }
        }
        return classes;
    }
}
