package dev.parley.media.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text for streaming synthesis: sentences (a run ending in {@code . ! ?} or the text's end),
 * each cut at spaces into pieces no longer than a provider's limit. Streaming providers start
 * speaking a sentence once it is flushed, so the first sentence plays while later ones are still
 * being generated.
 */
public final class SentenceChunks {

  private SentenceChunks() {}

  /** The sentences of {@code text}, each as its pieces of at most {@code maxChars}. */
  public static List<List<String>> split(String text, int maxChars) {
    List<List<String>> sentences = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean end =
          (c == '.' || c == '!' || c == '?') && (i + 1 == n || isSpace(text.charAt(i + 1)));
      if (end) {
        add(sentences, text.substring(start, i + 1), maxChars);
        start = i + 1;
      }
    }
    add(sentences, text.substring(start), maxChars);
    return sentences;
  }

  private static void add(List<List<String>> out, String sentence, int maxChars) {
    String s = sentence.strip();
    if (s.isEmpty()) {
      return;
    }
    List<String> pieces = new ArrayList<>();
    while (s.length() > maxChars) {
      int cut = s.lastIndexOf(' ', maxChars);
      if (cut <= 0) {
        cut = maxChars;
      }
      pieces.add(s.substring(0, cut).strip());
      s = s.substring(cut).strip();
    }
    if (!s.isEmpty()) {
      pieces.add(s);
    }
    out.add(pieces);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c);
  }
}
