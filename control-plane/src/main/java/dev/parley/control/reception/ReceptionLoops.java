package dev.parley.control.reception;

import dev.parley.control.dispatch.LoopSwitch;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the appointment-reminder sweep ({@code parley.reception.reminders.enabled}) with the
 * application; see {@link LoopSwitch} for the defaults.
 */
@Context
public class ReceptionLoops {
  private static final Logger log = LoggerFactory.getLogger(ReceptionLoops.class);

  ReceptionLoops(Environment env, BeanProvider<AppointmentReminders> reminders) {
    if (LoopSwitch.enabled(env, "parley.reception.reminders.enabled")) {
      reminders.get().start();
      log.info("appointment reminders started");
    }
  }
}
