package dev.parley.launcher;

import java.util.Map;

/** The demo's service centre for tests outside this package (the centre itself is the demo's). */
public final class ReceptionCentre {

  private ReceptionCentre() {}

  /** The body of {@code PUT /api/v1/reception/centre} the demo sends. */
  public static Map<String, Object> demo() {
    return ReceptionDemo.centre();
  }
}
