package io.rotabot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The layout DESIGN.md promises, checked: features talk only through each other's top-level types. */
class ModuleStructureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rotabot");

    @Test
    void featuresUseNoOtherFeaturesInternalsAndFormNoCycles() {
        ApplicationModules.of(RotabotApplication.class).verify();
    }

    @Test
    void onlyTheWorkflowGlueKnowsTheProcessEngine() {
        noClasses().that().resideOutsideOfPackage("io.rotabot.workflow..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .because("moving to Operaton must stay a change of one package")
                .check(PRODUCTION);
    }

    @Test
    void nothingDependsOnTheDemoSandbox() {
        noClasses().that().resideOutsideOfPackage("io.rotabot.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("io.rotabot.sandbox..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheDirectoryAdapterSpeaksLdapOutsideTheSandbox() {
        noClasses().that().resideOutsideOfPackages("io.rotabot.directory.ad..", "io.rotabot.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("com.unboundid..")
                .check(PRODUCTION);
    }
}
