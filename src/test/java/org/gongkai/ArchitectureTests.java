package org.gongkai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Controller;

/**
 * Rules that Spring Modulith's {@code ApplicationModules.verify()} ({@link ModuleStructureTests}) does not cover: controllers never
 * reach repositories, one kind of {@code @Transactional}, and the open modules depend on no feature.
 */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.gongkai");

    @Test
    void featuresDoNotDependOnEachOtherInACycle() {
        slices().matching("org.gongkai.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void aFeaturesInternalsAreUsedOnlyByThatFeature() {
        slices().matching("org.gongkai.(*)..").should().notDependOnEachOther()
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage("..internal.."))
                .check(CLASSES);
    }

    @Test
    void controllersNeverTouchRepositories() {
        noClasses().that().areAnnotatedWith(Controller.class)
                .or().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(CLASSES);
    }

    @Test
    void onlySpringsTransactionalIsUsed() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.transaction.Transactional").check(CLASSES);
    }

    @Test
    void infrastructureAndSupportDependOnNoFeature() {
        noClasses().that().resideInAnyPackage("org.gongkai.infrastructure..", "org.gongkai.support..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.gongkai..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages("org.gongkai.infrastructure..", "org.gongkai.support..")))
                .check(CLASSES);
    }
}
