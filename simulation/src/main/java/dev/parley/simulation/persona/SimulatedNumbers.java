package dev.parley.simulation.persona;

import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: the fictional number range simulated callees live in.
 *
 * <p>NANPA reserves 555-0100 through 555-0199 in every area code for fiction, so {@code +1 NPA 555
 * 01xx} can never reach a real person. It is the same range the Twilio emulator's {@code
 * CalleeDirectory} gives built-in behaviours; the catalogue uses area code 212.
 */
public final class SimulatedNumbers {

  private static final Pattern FICTIONAL = Pattern.compile("\\+1[2-9]\\d{2}55501\\d\\d");

  private SimulatedNumbers() {}

  /** Whether {@code e164} is in the fictional range {@code +1 NPA 555 0100..0199}. */
  public static boolean isSimulated(String e164) {
    return e164 != null && FICTIONAL.matcher(e164).matches();
  }

  /** {@code +1 212 555 01nn} for {@code nn} in 0..99. */
  public static String number(int nn) {
    if (nn < 0 || nn > 99) {
      throw new IllegalArgumentException("simulated numbers end in 00..99, not " + nn);
    }
    return String.format("+121255501%02d", nn);
  }
}
