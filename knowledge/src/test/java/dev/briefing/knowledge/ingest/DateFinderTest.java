package dev.briefing.knowledge.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DateFinderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            " date 2022-01-07 Home page politics | 2022-01-07",
            "2022-01-07T20:38:18.331Z | 2022-01-07",
            "style=\"float: right;\"Mon 10th Jan, 2022 | 2022-01-10",
            "Update from Thursday, January 6th, 2022, 6:20 p.m. | 2022-01-06",
            "Published 6 January 2022 | 2022-01-06",
            "on the 3rd of March 2021 | 2021-03-03",
            "Sept. 30, 2023 | 2023-09-30",
    })
    void findsTheDatesNewsPagesWrite(String text, LocalDate expected) {
        // when
        var found = DateFinder.find(text);
        // then
        assertTrue(found.isPresent(), "no date found in " + text);
        assertEquals(expected, found.get().date());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Update from January 7th, 9:30 p.m.",
            "2022-13-45",
            "February 30, 2022",
            "no date here",
    })
    void ignoresDatesWithoutYearOrImpossibleOnes(String text) {
        assertTrue(DateFinder.find(text).isEmpty(), "found a date in " + text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "rtqa_20220624_0.txt | 2022-06-24",
            "2022-06-24-storm.md | 2022-06-24",
            "2022/06/24/storm.html | 2022-06-24",
            "archive/2019_12_31.json | 2019-12-31",
            "id-20221399-20230102.txt | 2023-01-02",
            "scan-120220624.txt | ''",
            "2022-0624.txt | ''",
            "report-2019-2020.txt | ''",
            "storm.txt | ''",
    })
    void findsTheDayAFileIsNamedBy(String path, String expected) {
        assertEquals(expected.isEmpty() ? null : LocalDate.parse(expected), DateFinder.inPath(path).orElse(null));
    }
}
