package org.gongkai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every literal #{key} used in a template, and every {key} used in a validation message, exists in the bundle. */
class MessageBundleTests {

    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.]*)[}(]");
    private static final Pattern VALIDATION_KEY = Pattern.compile("message\\s*=\\s*\"\\{([A-Za-z][A-Za-z0-9_.]*)}\"");

    @Test
    void everyKeyUsedExistsInTheBaseBundle() throws IOException {
        Properties bundle = new Properties();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"), 2)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")
                    && (f.getFileName().toString().startsWith("messages") || f.getParent().endsWith("i18n"))).toList()) {
                try (var reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
                    bundle.load(reader);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        collect(Path.of("src/main/resources/templates"), ".html", TEMPLATE_KEY, bundle, missing);
        collect(Path.of("src/main/java"), ".java", VALIDATION_KEY, bundle, missing);
        assertThat(missing).as("message keys used but not defined").isEmpty();
    }

    /** A basename without a file makes Spring log two warnings on every uncached request. */
    @Test
    void everyConfiguredBasenameExists() throws IOException {
        Properties application = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.ISO_8859_1)) {
            application.load(reader);
        }
        List<String> basenames = List.of(application.getProperty("spring.messages.basename").split(","));
        assertThat(basenames).contains("messages");
        assertThat(basenames).allSatisfy(name ->
                assertThat(Path.of("src/main/resources", name.strip() + ".properties")).as("bundle " + name).exists());
    }

    private static void collect(Path root, String suffix, Pattern pattern, Properties bundle, List<String> missing) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    if (!bundle.containsKey(m.group(1))) {
                        missing.add(root.relativize(file) + ": " + m.group(1));
                    }
                }
            }
        }
    }
}
