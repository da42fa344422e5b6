package org.gongkai;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application modules (one per package below {@code org.gongkai}) as Spring Modulith sees them: no cycles, no use of another
 * module's internal packages. Also writes the module documentation into {@code docs/modules/}.
 */
class ModuleStructureTests {

    static final ApplicationModules MODULES = ApplicationModules.of(GongkaiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * Regenerates {@code docs/modules/}: the overview and one C4 component diagram per module (PlantUML), and a canvas per module
     * (its API types, services, events and configuration properties). Commit the changed files with the change that caused them.
     */
    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeDocumentation();
    }
}
