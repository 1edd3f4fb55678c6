package dev.parley.control;

import io.micronaut.runtime.Micronaut;

/** Boots the Parley control plane. */
public final class ControlPlaneApplication {
  private ControlPlaneApplication() {}

  public static void main(String[] args) {
    Micronaut.run(ControlPlaneApplication.class, args);
  }
}
