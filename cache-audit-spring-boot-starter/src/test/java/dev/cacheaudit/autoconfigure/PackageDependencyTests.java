package dev.cacheaudit.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cacheaudit.autoconfigure.verify.SpringVerificationBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The verification side does not reach back into the packages that depend on it: {@code cache} records and hands the
 * verifier the stores it wraps, {@code jpa} tells the verifier about entities. A class refers to another by its binary
 * name in its constant pool, which is what is searched here.
 */
class PackageDependencyTests {

    private static final String CACHE = "dev/cacheaudit/autoconfigure/cache/";

    private static final String JPA = "dev/cacheaudit/autoconfigure/jpa/";

    private static final String VERIFY = "dev/cacheaudit/autoconfigure/verify/";

    @Test
    void verifyReachesNeitherIntoCacheNorIntoJpa() {
        List<String> verify = classes(VERIFY);

        assertThat(verify).as("classes of verify read").hasSizeGreaterThan(5);
        assertThat(verify).noneMatch(text -> text.contains(CACHE)).noneMatch(text -> text.contains(JPA));
    }

    @Test
    void cacheAndJpaDependOnVerifyAsTheSearchSees() {
        assertThat(classes(CACHE)).anyMatch(text -> text.contains(VERIFY));
        assertThat(classes(JPA)).anyMatch(text -> text.contains(VERIFY));
    }

    private static List<String> classes(String pkg) {
        try {
            Path root = Path.of(SpringVerificationBackend.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                return files.filter(file -> file.toString().endsWith(".class"))
                        .map(PackageDependencyTests::read)
                        .toList();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
