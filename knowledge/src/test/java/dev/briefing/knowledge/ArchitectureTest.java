package dev.briefing.knowledge;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of {@code docs/STYLE.md} over the compiled knowledge core: one package per stage, with
 * dependencies running one way (a cycle such as {@code answer} to {@code query} and back makes the stages one), and no
 * knowledge of Telegram or of the bot.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.briefing.knowledge");

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        // given the core's classes, when their package dependencies are followed, then none leads back
        slices().matching("dev.briefing.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCoreKnowsNothingOfTelegramOrTheBot() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.telegram..", "dev.briefing.bot..")
                .check(CLASSES);
    }
}
