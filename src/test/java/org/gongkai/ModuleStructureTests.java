package org.gongkai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application modules (one per package below {@code org.gongkai}) as Spring Modulith sees them: no cycles, no use of another
 * module's internal packages. Also writes the module documentation (see {@link #writesTheModuleDocumentation()}).
 */
class ModuleStructureTests {

    static final ApplicationModules MODULES = ApplicationModules.of(GongkaiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /** Demo code sits in one module at the top: nothing depends on it, and it holds no feature up (workflow stays below reporting). */
    @Test
    void theDemoModuleIsOnTopAndWorkflowBelowReporting() {
        ApplicationModule demo = MODULES.getModuleByName("demo").orElseThrow();
        assertThat(MODULES.stream().filter(m -> !m.equals(demo)).filter(m -> m.getDirectDependencies(MODULES).contains(demo))
                .map(m -> m.getIdentifier().toString()).toList()).isEmpty();
        ApplicationModule workflow = MODULES.getModuleByName("workflow").orElseThrow();
        ApplicationModule reporting = MODULES.getModuleByName("reporting").orElseThrow();
        assertThat(workflow.getDirectDependencies(MODULES).contains(reporting)).isFalse();
        assertThat(demo.getDirectDependencies(MODULES).contains(workflow)).isTrue();
    }

    /**
     * Writes the module documentation: the overview and one C4 component diagram per module (PlantUML), and a canvas per module
     * (its API types, services, events). Into {@code target/module-docs/} on every run; into {@code docs/modules/}, to be
     * committed, only with {@code -Dgongkai.write-module-docs=true} (the Documenter's line order varies between runs, so an
     * ordinary test run must not touch the committed files).
     */
    @Test
    void writesTheModuleDocumentation() {
        String folder = Boolean.getBoolean("gongkai.write-module-docs") ? "docs/modules" : "target/module-docs";
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder)).writeDocumentation();
        assertThat(Path.of(folder, "components.puml")).exists();
        assertThat(Path.of(folder, "module-demo.puml")).exists();
    }
}
