package dev.parley.media.realtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's utterances in flight on one realtime call, found by the provider's item id (its
 * events) and by utterance id (the playout's barge-in cut), plus the words the provider sends for
 * an item ahead of its audio. Its own class because matching the provider's items to the call's
 * utterances is bookkeeping the bridge's event handling should not have to spell out. Event loop
 * only.
 */
final class AgentItems {

  /** Items whose words came but whose audio never did (a cancelled response's) are bounded. */
  private static final int MAX_ITEMS_BEFORE_AUDIO = 16;

  private final Map<String, AgentUtterance> byItem = new LinkedHashMap<>();
  private final Map<Long, AgentUtterance> byUtterance = new HashMap<>();

  /**
   * The agent's words for items whose audio has not started yet: the provider often sends an item's
   * transcript ahead of its audio. They join the item at its first audio (words never voiced were
   * never heard, so they are not reported alone).
   */
  private final Map<String, StringBuilder> wordsBeforeAudio = new LinkedHashMap<>();

  /** The utterance for the provider's {@code itemId}, or null before its first audio. */
  AgentUtterance get(String itemId) {
    return byItem.get(itemId);
  }

  /** The utterance the playout knows as {@code utteranceId}, or null once forgotten. */
  AgentUtterance byUtterance(long utteranceId) {
    return byUtterance.get(utteranceId);
  }

  /** Starts the item's utterance at its first audio; the words sent ahead of the audio join it. */
  AgentUtterance start(String itemId, String responseId, int contentIndex, int seq, int startMs) {
    AgentUtterance item = new AgentUtterance(itemId, responseId, contentIndex, seq, startMs);
    byItem.put(itemId, item);
    byUtterance.put((long) seq, item);
    StringBuilder words = wordsBeforeAudio.remove(itemId);
    if (words != null) {
      item.text.append(words);
    }
    return item;
  }

  /** The words so far for an item whose audio has not started; the oldest such item goes at 16. */
  StringBuilder wordsBefore(String itemId) {
    StringBuilder words = wordsBeforeAudio.get(itemId);
    if (words == null) {
      if (wordsBeforeAudio.size() >= MAX_ITEMS_BEFORE_AUDIO) {
        // Items that never got audio (a cancelled response's): the oldest goes.
        wordsBeforeAudio.remove(wordsBeforeAudio.keySet().iterator().next());
      }
      words = new StringBuilder();
      wordsBeforeAudio.put(itemId, words);
    }
    return words;
  }

  /** Drops an utterance that is over and reported. */
  void forget(AgentUtterance item) {
    byItem.remove(item.itemId);
    byUtterance.remove(item.utteranceId);
  }

  /** The utterances in flight, oldest first; a live view, so copy it before forgetting any. */
  Collection<AgentUtterance> all() {
    return byItem.values();
  }
}
