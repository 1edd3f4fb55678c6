package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  @Test
  void titlesDecimalsAndClockTimesDoNotEndSentences() {
    assertThat(
            SentenceSplitter.split(
                "Dr. Chen has 10:30 a.m. on Thursday. The cleaning is $1,120.50 with Mrs. Diaz."
                    + " Is 9 a.m. Friday better? No. 5 is the room."))
        .containsExactly(
            "Dr. Chen has 10:30 a.m. on Thursday.",
            "The cleaning is $1,120.50 with Mrs. Diaz.",
            "Is 9 a.m. Friday better?",
            "No. 5 is the room.");
  }

  @Test
  void clockTimeBeforeACapitalisedWordEndsTheSentence() {
    assertThat(SentenceSplitter.split("We open at 8 a.m. Does that work? Great!"))
        .containsExactly("We open at 8 a.m.", "Does that work?", "Great!");
  }

  @Test
  void initialsLowerCaseFollowersQuotesAndEllipses() {
    assertThat(
            SentenceSplitter.split(
                "Ask for J. Smith, approx. two weeks out. She said \"yes.\" Then... Hm. OK"))
        .containsExactly(
            "Ask for J. Smith, approx. two weeks out.",
            "She said \"yes.\"",
            "Then...",
            "Hm.",
            "OK");
  }

  @Test
  void streamingCharacterByCharacterGivesTheSameSentencesAsWholeText() {
    String text =
        "Hi, this is Parley, an AI assistant. I'd like Dr. Chen at 10:30 a.m. on Thursday."
            + " It's $89.99, right?\nThanks!";
    SentenceSplitter s = new SentenceSplitter();
    List<String> streamed = new ArrayList<>();
    for (char c : text.toCharArray()) {
      streamed.addAll(s.append(String.valueOf(c)));
    }
    String rest = s.finish();
    if (rest != null) {
      streamed.add(rest);
    }
    assertThat(streamed)
        .isEqualTo(SentenceSplitter.split(text))
        .containsExactly(
            "Hi, this is Parley, an AI assistant.",
            "I'd like Dr. Chen at 10:30 a.m. on Thursday.",
            "It's $89.99, right?",
            "Thanks!");
  }

  @Test
  void aSentenceIsHeldUntilWhatFollowsShowsItIsComplete() {
    SentenceSplitter s = new SentenceSplitter();
    assertThat(s.append("Call Dr.")).isEmpty();
    assertThat(s.append(" Chen at 9.")).isEmpty();
    assertThat(s.append(" ")).isEmpty();
    assertThat(s.append("Thanks")).containsExactly("Call Dr. Chen at 9.");
    assertThat(s.finish()).isEqualTo("Thanks");
    assertThat(s.finish()).isNull();
  }
}
