package dev.parley.agent.language;

/** What a short reply means for a yes/no question or an offer. */
public enum Intent {
  /** "sure", "yeah that works", "sounds good". */
  AFFIRM,
  /** "no, sorry", "that doesn't work". */
  DECLINE,
  /** "we're fully booked", "we don't have anything", "we're closed": a no about availability. */
  UNAVAILABLE,
  /** "hold on", "one moment", "let me check". */
  HOLD,
  /** "I'm not sure", "maybe", "I don't know". */
  UNSURE,
  /** Nothing recognisable. */
  NONE
}
