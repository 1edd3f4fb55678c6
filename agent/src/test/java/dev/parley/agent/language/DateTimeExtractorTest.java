package dev.parley.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTimeExtractorTest {

  private static final ZoneId NY = ZoneId.of("America/New_York");

  /** Wednesday 18 November 2026, 09:00 in New York. */
  private static final ZonedDateTime REF = ZonedDateTime.of(2026, 11, 18, 9, 0, 0, 0, NY);

  private final DateTimeExtractor extractor = new DateTimeExtractor();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "sometime this week                   | WINDOW | 2026-11-18T09:00    | 2026-11-22T23:59:59 | -         | this week",
        "next week works                      | WINDOW | 2026-11-23T00:00    | 2026-11-29T23:59:59 | -         | next week",
        "this weekend                         | WINDOW | 2026-11-21T00:00    | 2026-11-22T23:59:59 | -         | this weekend",
        "next Tuesday                         | WINDOW | 2026-11-24T00:00    | 2026-11-24T23:59:59 | -         | next Tuesday",
        "on Tuesday                           | WINDOW | 2026-11-24T00:00    | 2026-11-24T23:59:59 | -         | on Tuesday",
        "Thursday morning                     | WINDOW | 2026-11-19T08:00    | 2026-11-19T12:00    | MORNING   | Thursday morning",
        "Friday in the afternoon              | WINDOW | 2026-11-20T12:00    | 2026-11-20T17:00    | AFTERNOON | Friday in the afternoon",
        "tomorrow at 3                        | POINT  | 2026-11-19T15:00    | 2026-11-19T15:00    | AFTERNOON | tomorrow at 3",
        "before 5pm                           | BEFORE | 2026-11-18T09:00    | 2026-11-18T17:00    | -         | before 5pm",
        "November 24th at 10:30 am            | POINT  | 2026-11-24T10:30    | 2026-11-24T10:30    | MORNING   | November 24th at 10:30 am",
        "the 24th                             | WINDOW | 2026-11-24T00:00    | 2026-11-24T23:59:59 | -         | the 24th",
        "how about noon                       | POINT  | 2026-11-18T12:00    | 2026-11-18T12:00    | AFTERNOON | noon",
        "in two hours                         | POINT  | 2026-11-18T11:00    | 2026-11-18T11:00    | -         | in two hours",
        "in 30 minutes                        | POINT  | 2026-11-18T09:30    | 2026-11-18T09:30    | -         | in 30 minutes",
        "between 2 and 4                      | WINDOW | 2026-11-18T14:00    | 2026-11-18T16:00    | -         | between 2 and 4",
        "between 2 and 4pm on Friday          | WINDOW | 2026-11-20T14:00    | 2026-11-20T16:00    | -         | between 2 and 4pm on Friday",
        "Saturday 7pm                         | POINT  | 2026-11-21T19:00    | 2026-11-21T19:00    | EVENING   | Saturday 7pm",
        "Saturday at 7:30 p.m.                | POINT  | 2026-11-21T19:30    | 2026-11-21T19:30    | EVENING   | Saturday at 7:30 p.m.",
        "we have Thursday at 10:30            | POINT  | 2026-11-19T10:30    | 2026-11-19T10:30    | MORNING   | Thursday at 10:30",
        "Thursday at ten thirty               | POINT  | 2026-11-19T10:30    | 2026-11-19T10:30    | MORNING   | Thursday at ten thirty",
        "tonight at 8                         | POINT  | 2026-11-18T20:00    | 2026-11-18T20:00    | EVENING   | tonight at 8",
        "at 8 o'clock                         | POINT  | 2026-11-19T08:00    | 2026-11-19T08:00    | MORNING   | 8 o'clock",
        "half past two                        | POINT  | 2026-11-18T14:30    | 2026-11-18T14:30    | AFTERNOON | half past two",
        "on 12/3                              | WINDOW | 2026-12-03T00:00    | 2026-12-03T23:59:59 | -         | 12/3",
        "December 1st                         | WINDOW | 2026-12-01T00:00    | 2026-12-01T23:59:59 | -         | December 1st",
        "the 3rd of December at 9am           | POINT  | 2026-12-03T09:00    | 2026-12-03T09:00    | MORNING   | the 3rd of December at 9am",
        "Monday the 30th                      | WINDOW | 2026-11-30T00:00    | 2026-11-30T23:59:59 | -         | Monday the 30th",
        "by the end of the week               | WINDOW | 2026-11-18T09:00    | 2026-11-20T23:59:59 | -         | end of the week",
        "any time after 3 tomorrow            | AFTER  | 2026-11-19T15:00    | 2026-11-19T23:59:59 | -         | after 3 tomorrow",
        "the day after tomorrow               | WINDOW | 2026-11-20T00:00    | 2026-11-20T23:59:59 | -         | day after tomorrow",
        "this afternoon                       | WINDOW | 2026-11-18T12:00    | 2026-11-18T17:00    | AFTERNOON | afternoon",
        "9 to 11 am on Monday                 | WINDOW | 2026-11-23T09:00    | 2026-11-23T11:00    | -         | 9 to 11 am on Monday",
        "on the first                         | WINDOW | 2026-12-01T00:00    | 2026-12-01T23:59:59 | -         | on the first",
        "the first of December                | WINDOW | 2026-12-01T00:00    | 2026-12-01T23:59:59 | -         | the first of December",
        "first thing tomorrow                 | WINDOW | 2026-11-19T08:00    | 2026-11-19T12:00    | MORNING   | first thing tomorrow",
      })
  void resolvesAgainstReference(
      String text, TemporalMention.Kind kind, String start, String end, PartOfDay pod, String raw) {
    TemporalMention m = extractor.first(text, REF);
    assertThat(m).as(text).isNotNull();
    assertThat(m.kind()).as(text).isEqualTo(kind);
    assertThat(m.start().toLocalDateTime()).as(text).hasToString(start);
    assertThat(m.end().toLocalDateTime().toString()).as(text).isEqualTo(end);
    assertThat(m.partOfDay()).as(text).isEqualTo(pod);
    assertThat(m.raw()).as(text).isEqualTo(raw);
    assertThat(m.start().getZone()).isEqualTo(NY);
  }

  @org.junit.jupiter.api.Test
  void thisWeekSaidAtTheWeekendMeansTheWeekAhead() {
    ZonedDateTime saturday = ZonedDateTime.of(2026, 11, 21, 9, 0, 0, 0, NY);
    TemporalMention m = extractor.first("the earliest cleaning this week", saturday);
    assertThat(m.start().toLocalDateTime()).hasToString("2026-11-21T09:00");
    assertThat(m.end().toLocalDateTime()).hasToString("2026-11-29T23:59:59");
    TemporalMention midweek = extractor.first("this week", REF);
    assertThat(midweek.end().toLocalDateTime()).hasToString("2026-11-22T23:59:59");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a table for 4 people",
        "it costs between 100 and 200 dollars",
        "may I ask who is calling",
        "press 1 for appointments",
        "the first table I have",
        "she was the second person to call",
      })
  void ignoresTextWithoutTimes(String text) {
    assertThat(extractor.extract(text, REF)).isEmpty();
  }
}
