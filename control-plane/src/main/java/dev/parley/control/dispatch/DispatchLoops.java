package dev.parley.control.dispatch;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the dispatcher ({@code parley.dispatcher.enabled}) and the zombie-call watchdog ({@code
 * parley.watchdog.enabled}) with the application; see {@link LoopSwitch} for the defaults.
 */
@Context
public class DispatchLoops {
  private static final Logger log = LoggerFactory.getLogger(DispatchLoops.class);

  DispatchLoops(
      Environment env,
      BeanProvider<CallTaskDispatcher> dispatcher,
      BeanProvider<ZombieCallWatchdog> watchdog) {
    if (LoopSwitch.enabled(env, "parley.dispatcher.enabled")) {
      CallTaskDispatcher d = dispatcher.get();
      d.start();
      log.info("dispatcher {} started", d.owner());
    }
    if (LoopSwitch.enabled(env, "parley.watchdog.enabled")) {
      watchdog.get().start();
      log.info("zombie-call watchdog started");
    }
  }
}
