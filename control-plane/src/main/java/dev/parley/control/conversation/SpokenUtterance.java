package dev.parley.control.conversation;

/**
 * One thing the agent said on a call, from SPEAK until the node reports how much of it played.
 *
 * @param id the utterance id (0 is the greeting)
 * @param text what was said
 * @param sentNanos when it was handed to the node
 */
record SpokenUtterance(int id, String text, long sentNanos) {

  /**
   * What the listener heard of {@code text} after {@code msHeard} ms, cut at a word boundary, given
   * the call's speaking rate in ms per character.
   */
  static String heardPart(String text, int msHeard, double msPerChar) {
    if (msPerChar <= 0) {
      return text;
    }
    int chars = (int) Math.floor(msHeard / msPerChar);
    if (chars >= text.length()) {
      return text;
    }
    if (chars <= 0) {
      return "";
    }
    int cut = chars;
    while (cut > 0 && !Character.isWhitespace(text.charAt(cut))) {
      cut--;
    }
    return text.substring(0, cut).strip();
  }
}
