package dev.parley.control.conversation;

import dev.parley.control.dispatch.LoopSwitch;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the write-up sweeper ({@code parley.write-up-sweeper.enabled}) with the application; see
 * {@link LoopSwitch} for the defaults.
 */
@Context
public class ConversationLoops {
  private static final Logger log = LoggerFactory.getLogger(ConversationLoops.class);

  ConversationLoops(Environment env, BeanProvider<WriteUpSweeper> sweeper) {
    if (LoopSwitch.enabled(env, "parley.write-up-sweeper.enabled")) {
      sweeper.get().start();
      log.info("write-up sweeper started");
    }
  }
}
