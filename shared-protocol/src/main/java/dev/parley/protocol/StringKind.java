package dev.parley.protocol;

/** The classes of string field; each has one byte limit in {@link ProtocolLimits}. */
enum StringKind {
  /** Identifiers and short names: node id, tenant id, voice, language, provider, tool name. */
  ID,
  /** E.164 numbers: '+' and at most 15 digits, or empty when unknown. */
  E164,
  /** The node's public media URL. */
  URL,
  /** The stream token that authenticates the Twilio media stream. */
  TOKEN,
  /** Spoken or heard text, reasons. */
  TEXT,
  /** Speech-to-speech instructions. */
  INSTRUCTIONS,
  /** Tool-call arguments and results as JSON text. */
  JSON,
  /** DTMF digit strings. */
  DIGITS
}
