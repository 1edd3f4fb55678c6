package dev.parley.agent.analysis;

import java.util.Locale;

/** The type of an extracted value. Wire names are lower-case. */
public enum ValueType {
  STRING,
  NUMBER,
  DATETIME,
  BOOLEAN,
  JSON;

  /** The wire name, e.g. {@code datetime}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
