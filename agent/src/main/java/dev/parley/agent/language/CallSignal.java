package dev.parley.agent.language;

/** Things the other side can say that change how a call proceeds. */
public enum CallSignal {
  /** A voicemail greeting: "leave a message after the tone". */
  VOICEMAIL_GREETING,
  /** An automated menu: "press 1 for ...". */
  IVR_MENU,
  /** "You have the wrong number", "no one by that name here". */
  WRONG_NUMBER,
  /** "Are you a robot?", "is this a recording?" */
  ASKED_IF_AI,
  /** "Who is this?", "what is this about?" */
  ASKED_WHO_OR_WHY,
  /** "Can you repeat that?", "sorry, what?" */
  ASKED_TO_REPEAT,
  /** "Goodbye", "have a good day" */
  GOODBYE,
  /** "I'll transfer you", "let me put you through". */
  TRANSFERRING
}
