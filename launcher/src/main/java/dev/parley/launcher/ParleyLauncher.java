package dev.parley.launcher;

/** Entry point of the README run command. */
public final class ParleyLauncher {
  private ParleyLauncher() {}

  public static void main(String[] args) {
    System.out.println("Parley launcher");
  }
}
