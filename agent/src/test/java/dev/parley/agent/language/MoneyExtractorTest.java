package dev.parley.agent.language;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.language.MoneyMention.Bound;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyExtractorTest {

  private final MoneyExtractor extractor = new MoneyExtractor();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "It costs $150.                              | EXACT       | 150    | -   | USD | $150",
        "That's 150 dollars for the visit            | EXACT       | 150    | -   | USD | 150 dollars",
        "a hundred and fifty dollars                 | EXACT       | 150    | -   | USD | a hundred and fifty dollars",
        "one hundred twenty five dollars             | EXACT       | 125    | -   | USD | one hundred twenty five dollars",
        "book it if it's under $150                  | AT_MOST     | 150    | -   | USD | under $150",
        "somewhere between 100 and 200 dollars       | RANGE       | 100    | 200 | USD | between 100 and 200 dollars",
        "my budget is between 100 and 200            | RANGE       | 100    | 200 | USD | between 100 and 200",
        "between $100 and $200                       | RANGE       | 100    | 200 | USD | between $100 and $200",
        "from $80 to $120 depending on the job       | RANGE       | 80     | 120 | USD | from $80 to $120",
        "The part is $89.99 plus tax                 | EXACT       | 89.99  | -   | USD | $89.99",
        "it's eighty-nine ninety-nine                | EXACT       | 89.99  | -   | USD | eighty-nine ninety-nine",
        "the cleaning is one twenty                  | EXACT       | 120    | -   | USD | one twenty",
        "no more than 200 bucks                      | AT_MOST     | 200    | -   | USD | no more than 200 bucks",
        "less than $75 please                        | AT_MOST     | 75     | -   | USD | less than $75",
        "up to $300                                  | AT_MOST     | 300    | -   | USD | up to $300",
        "around $300 I'd say                         | APPROXIMATE | 300    | -   | USD | around $300",
        "at least $50                                | AT_LEAST    | 50     | -   | USD | at least $50",
        "the total came to $1,200                    | EXACT       | 1200   | -   | USD | $1,200",
        "twelve dollars and fifty cents              | EXACT       | 12.50  | -   | USD | twelve dollars and fifty cents",
        "it's €45 per person                         | EXACT       | 45     | -   | EUR | €45",
        "forty pounds                                | EXACT       | 40     | -   | GBP | forty pounds",
        "$150 tops                                   | AT_MOST     | 150    | -   | USD | $150 tops",
        "a $2k deposit                               | EXACT       | 2000   | -   | USD | $2k",
        "Our rate is ninety five dollars an hour     | EXACT       | 95     | -   | USD | ninety five dollars",
        "we'd charge three hundred dollars for that  | EXACT       | 300    | -   | USD | three hundred dollars",
        "$200 or less                                | AT_MOST     | 200    | -   | USD | $200 or less",
      })
  void findsAmounts(
      String text, Bound bound, BigDecimal amount, BigDecimal upper, String currency, String raw) {
    MoneyMention m = extractor.first(text);
    assertThat(m).as(text).isNotNull();
    assertThat(m.bound()).as(text).isEqualTo(bound);
    assertThat(m.amount()).as(text).isEqualByComparingTo(amount);
    if (upper == null) {
      assertThat(m.upper()).isNull();
    } else {
      assertThat(m.upper()).isEqualByComparingTo(upper);
    }
    assertThat(m.currency()).isEqualTo(currency);
    assertThat(m.raw()).isEqualTo(raw);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a table for 4 at 7",
        "between 2 and 4 tomorrow",
        "one of our hygienists",
        "I have two kids",
        "press 1 for appointments",
        "we open at nine thirty",
      })
  void ignoresNumbersThatAreNotMoney(String text) {
    assertThat(extractor.extract(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void findsSeveralAmountsInOrder() {
    var all = extractor.extract("The cleaning is $120 and x-rays are another forty dollars.");
    assertThat(all)
        .extracting(MoneyMention::amount)
        .containsExactly(new BigDecimal("120"), new BigDecimal("40"));
  }
}
