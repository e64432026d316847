package dev.briefing.knowledge.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvidenceTest {

    private static List<String> kinds(String sentence, java.util.function.Predicate<Evidence.Word> kind) {
        return Evidence.words(sentence).stream().filter(kind).map(Evidence.Word::text).toList();
    }

    private static List<String> expected(String words) {
        return words.isEmpty() ? List.of() : Arrays.asList(words.split(" "));
    }

    @ParameterizedTest(name = "\"{0}\" counts {1}")
    @CsvSource(delimiter = '|', value = {
            "The hearing is all about 187 minutes. | 187",
            "Around 2,500 soldiers and dozens of police were sent. | 2,500 dozens",
            "Protesters stormed the Capitol on January 6, 2021. | ''",
            "Update from January 7th, 3:45 p.m.: shots were fired. | ''",
            "About 2.5 million homes lost power in 2022. | 2.5 million",
    })
    void aCountIsAFigureThatIsNoYearDayOrClockTime(String sentence, String counts) {
        assertEquals(expected(counts), kinds(sentence, Evidence.Word::count));
    }

    @ParameterizedTest(name = "\"{0}\" names {1}")
    @CsvSource(delimiter = '|', value = {
            "Voters in the state of Kansas kept the right. | Kansas",
            "The purple M&M is the first new character. | M&M",
            "The data was kept by Shanghai police. | Shanghai",
            "Officials said: Police kept the data. | ''",
            "NASA launched the DART mission on Monday. | NASA DART",
    })
    void aNameIsACapitalisedWordThatOpensNoClauseOrAnAcronym(String sentence, String names) {
        assertEquals(expected(names), kinds(sentence, Evidence.Word::name));
    }

    @ParameterizedTest(name = "\"{0}\" has figures {1}")
    @CsvSource(delimiter = '|', value = {
            "Around 2,500 soldiers were sent in 2022. | 2,500 2022",
            "The 10TH fleet sailed on January 7. | 10th 7",
            "Eight seats went to the Liberal Democrats. | ''",
    })
    void theFiguresAreTheNumeralsLowerCased(String sentence, String figures) {
        assertEquals(new HashSet<>(expected(figures)), Evidence.figures(Evidence.words(sentence)));
    }

    @ParameterizedTest(name = "\"{0}\" is held by \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
            // bounded: a figure that rounds to the question's, at the precision it was written with
            "seized more than $11 million worth | worth $11.8 million | true",
            "seized more than $11 million worth | worth $12.1 million | false",
            "seized more than $11 million worth | worth $10.9 million | false",
            "killed more than 1,000 people | killed 1,150 people | true",
            "killed more than 1,000 people | killed 2,000 people | false",
            "roughly 21,000 restaurants | about 20,600 restaurants | true",
            "roughly 21,000 restaurants | about 20,400 restaurants | false",
            "nearly 2.5 million homes | 2.46 million homes | true",
            "approximately 1 billion people | 1.2 billion people | true",
            "less than 50 days | 47 days | true",
            "less than 50 days | 53 days | false",
            // the bound reads counts only: a year does not round to a count
            "more than 2,000 troops | troops left in 2021 | false",
            // unbounded: as written
            "in 1917 | in 1914 | false",
            "in 1917 | in 1917 | true",
            "more than 1,000 people | more than 1,000 people | true",
            "the 10th fleet | the 10th fleet | true",
    })
    void aBoundedFigureIsHeldByOneThatRoundsToIt(String question, String sentence, boolean held) {
        List<Evidence.Figure> asked = Evidence.boundedFigures(Evidence.words(question));
        assertEquals(held, Evidence.holdsFigures(asked, Evidence.words(sentence)));
    }

    @ParameterizedTest(name = "\"{0}\" is {1} {2}, given to {3}")
    @CsvSource(delimiter = '|', value = {
            "more than $11 million | MORE | 11000000 | 1000000",
            "about 2.5 million | ABOUT | 2500000 | 100000",
            "roughly 21,000 | ABOUT | 21000 | 1000",
            "fewer than 300 | LESS | 300 | 100",
            "no more than 300 | LESS | 300 | 100",
            "no fewer than 300 | MORE | 300 | 100",
            "in 1917 | EXACT | 1917 | 1",
    })
    void aQuestionsFigureHasItsValuePrecisionAndBound(String question, Evidence.Bound bound, double value,
                                                      double step) {
        Evidence.Figure f = Evidence.boundedFigures(Evidence.words(question)).get(0);
        assertEquals(bound, f.bound());
        assertEquals(value, f.value(), 1e-6);
        assertEquals(step, f.step(), 1e-9);
    }

    @ParameterizedTest(name = "\"{0}\" counts {1}, times {2}")
    @CsvSource(delimiter = '|', value = {
            "ONE of them saw Hundreds of boats and a Dozen cars. | ONE Hundreds Dozen | ''",
            "Someone gave half the money to oneself. | half | ''",
            "The Decade began in Sept 1990 and ended at 3pm Tonight. | 3pm | Decade Sept 1990 3pm Tonight",
            "Mayday: the Marchers met monthly, not weekly. | '' | ''",
    })
    void numberAndTimeWordsAreFoundInAnyLetterCase(String sentence, String counts, String times) {
        assertEquals(expected(counts), kinds(sentence, Evidence.Word::count));
        assertEquals(expected(times), kinds(sentence, Evidence.Word::time));
    }

    @ParameterizedTest(name = "\"{0}\" has a number {1}, a time {2}")
    @CsvSource(delimiter = '|', value = {
            "Officials said the talks went well. | false | false",
            "A third of the votes were counted. | true | false",
            "A Quarter of homes lost power. | true | false",
            "Someone of them left. | false | false",
            "One of them left. | false | false",
            "They met on Wednesday. | false | true",
            "It MAY rain. | false | true",
            "Dismayed, they left. | false | false",
            "The under_seven team won. | false | false",
            "Sept. 11 changed it. | true | true",
            "Shots at 3pm. | true | true",
            "Seventeen boats sailed. | true | false",
            "It lasted a décade. | false | false",
    })
    void numbersAndTimesAreFoundAnywhereInTheSentence(String sentence, boolean number, boolean time) {
        assertEquals(number, Evidence.hasNumber(sentence));
        assertEquals(time, Evidence.hasTime(sentence));
    }
}
