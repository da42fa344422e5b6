package org.gongkai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/** `./mvnw spring-boot:run` keeps its database: a second start must add no second copy of any demo data. */
class DemoDataRestartTests extends AbstractIntegrationTest {

    @Autowired
    ApplicationContext context;

    long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    @Test
    void runningTheDemoDataAgainAddsNothing() throws Exception {
        List<String> tables = List.of("department", "staff_user", "catalogue_node", "disclosure_matter", "document", "edition",
                "data_table", "qr_code", "info_request", "publication_snapshot");
        List<Long> before = tables.stream().map(this::count).toList();
        List<ApplicationRunner> runners = new ArrayList<>(context.getBeansOfType(ApplicationRunner.class).values());
        AnnotationAwareOrderComparator.sort(runners);
        for (ApplicationRunner runner : runners) {
            runner.run(new DefaultApplicationArguments());
        }
        assertThat(tables.stream().map(this::count).toList()).as("rows in %s", tables).isEqualTo(before);
    }
}
