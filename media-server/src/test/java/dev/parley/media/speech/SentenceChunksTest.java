package dev.parley.media.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceChunksTest {

  @Test
  void splitsAtSentenceEndsFollowedBySpace() {
    assertThat(SentenceChunks.split("Hello there. It costs $3.50! Ok? done", 100))
        .containsExactly(
            List.of("Hello there."), List.of("It costs $3.50!"), List.of("Ok?"), List.of("done"));
  }

  @Test
  void cutsLongSentencesAtSpacesWithinTheLimit() {
    assertThat(SentenceChunks.split("one two three four five.", 10))
        .containsExactly(List.of("one two", "three four", "five."));
    assertThat(SentenceChunks.split("abcdefghijkl", 5))
        .containsExactly(List.of("abcde", "fghij", "kl"));
  }

  @Test
  void blankTextHasNoSentences() {
    assertThat(SentenceChunks.split("   ", 10)).isEmpty();
  }
}
