package dev.parley.emulator;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: runs a standalone Twilio emulator until the process is stopped. Configured by
 * {@code PARLEY_EMULATOR_PORT} (default 8089), {@code PARLEY_EMULATOR_ACCOUNT_SID} and {@code
 * PARLEY_EMULATOR_AUTH_TOKEN}.
 */
public final class EmulatorMain {

  private static final Logger log = LoggerFactory.getLogger(EmulatorMain.class);

  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorConfig config = EmulatorConfig.fromEnvironment(System.getenv());
    TwilioEmulator emulator = TwilioEmulator.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "twilio-emulator-shutdown"));
    log.info(
        "SIMULATION ONLY: Twilio emulator listening on {} (account {})",
        emulator.baseUri(),
        config.accountSid());
    stopped.await();
  }
}
