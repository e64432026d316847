package dev.briefing.bot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of {@code docs/STYLE.md} over the compiled bot: only the Telegram adapter imports
 * {@code org.telegram}, package dependencies run one way ({@code Main} above the commands, not beside them), and
 * the benchmarks stand beside the product, which needs nothing of them (they ship in a jar of their own).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.briefing.bot");

    @Test
    void onlyTheTelegramAdapterImportsTheTelegramLibrary() {
        noClasses().that().resideOutsideOfPackage("dev.briefing.bot.telegram..")
                .should().dependOnClassesThat().resideInAPackage("org.telegram..")
                .check(CLASSES);
    }

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        // given the bot's classes, when their package dependencies are followed, then none leads back
        slices().matching("dev.briefing.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void nothingOfTheBotDependsOnTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage("dev.briefing.bot.bench..")
                .should().dependOnClassesThat().resideInAPackage("dev.briefing.bot.bench..")
                .check(CLASSES);
    }
}
