package dev.parley.control.conversation;

import dev.parley.agent.llm.BrainListener;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.agent.planning.CallPlanner;
import dev.parley.control.dispatch.AttemptOutcomes;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.event.CallEventRecorder;
import dev.parley.control.guard.DoNotCallList;
import dev.parley.control.infra.Json;
import dev.parley.control.medialink.MediaNodeRegistry;
import dev.parley.control.notification.NotificationService;
import dev.parley.control.reception.Receptionists;
import dev.parley.control.session.CallSessionCache;
import dev.parley.control.session.CallSessionRepository;
import dev.parley.control.session.CallSessionService;
import dev.parley.control.task.ApprovalRepository;
import dev.parley.control.task.CallCostEstimator;
import dev.parley.control.task.CallTaskService;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wires the live-call layer: the agent's brains (planner, dialog agent, post-call analyst; see
 * {@link LlmBrains}), the write-up, and {@link Conversations}, which the media link feeds and which
 * opens each call as it is dialled.
 */
@Factory
public class ConversationBeans {

  /** Variables the agent's brains read (agent/README.md); each may also be set as a property. */
  private static final List<String> BRAIN_VARIABLES =
      List.of(
          "PARLEY_AGENT_PROVIDER",
          "OPENAI_API_KEY",
          "OPENAI_BASE_URL",
          "OPENAI_MODEL",
          "OPENAI_AUTH_HEADER",
          "ANTHROPIC_API_KEY",
          "ANTHROPIC_BASE_URL",
          "ANTHROPIC_MODEL",
          "ANTHROPIC_MAX_TOKENS",
          "PARLEY_LLM_TIMEOUT_SECONDS",
          "PARLEY_LLM_MAX_ATTEMPTS",
          "PARLEY_LLM_PRICES");

  /**
   * The agent's brains: rule-based offline, or an OpenAI-compatible or Anthropic model with the
   * rule-based brains as fallback. A provider selected without its key fails startup.
   */
  @Singleton
  @Bean(preDestroy = "close")
  LlmBrains llmBrains(Environment env, Clock clock) {
    Map<String, String> vars = new HashMap<>();
    for (String name : BRAIN_VARIABLES) {
      env.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), String.class)
          .filter(v -> !v.isBlank())
          .ifPresent(v -> vars.put(name, v));
    }
    return LlmBrains.fromEnvironment(vars, clock, BrainListener.NONE);
  }

  /** Plans tasks with the configured brain (AgentTaskPlanner uses it). */
  @Singleton
  @Bean(typed = CallPlanner.class)
  CallPlanner callPlanner(LlmBrains brains) {
    return brains.planner();
  }

  @Singleton
  ConversationConfig conversationConfig(
      @Value("${parley.conversation.silence-timeout:5s}") Duration silence,
      @Value("${parley.conversation.approval-timeout:120s}") Duration approvalTimeout,
      @Value("${parley.conversation.approval-poll:500ms}") Duration approvalPoll,
      @Value("${parley.conversation.follow-up-delay:24h}") Duration followUpDelay,
      @Value("${parley.conversation.workers:8}") int workers,
      @Value("${parley.conversation.idle-expiry:10m}") Duration idleExpiry) {
    return new ConversationConfig(
        silence, approvalTimeout, approvalPoll, followUpDelay, workers, idleExpiry);
  }

  @Singleton
  CallWriteUp callWriteUp(
      DataSource dataSource,
      AttemptOutcomes outcomes,
      CallCostEstimator costs,
      CallTaskService tasks,
      NotificationService notifications,
      Json json,
      ConversationConfig config,
      Clock clock,
      @Value("${parley.media.stt-provider:}") String stt,
      @Value("${parley.media.tts-provider:}") String tts,
      LlmBrains brains) {
    Set<String> unbilled = new LinkedHashSet<>();
    // Empty: the media node's own default (offline unless the node is configured otherwise).
    if (stt.isEmpty() || "offline".equals(stt)) {
      unbilled.add("stt");
    }
    if (tts.isEmpty() || "offline".equals(tts)) {
      unbilled.add("tts");
    }
    if (brains.provider() == LlmBrains.Provider.OFFLINE) {
      unbilled.add("llm");
    }
    return new CallWriteUp(
        RawDataSource.of(dataSource),
        outcomes,
        costs,
        unbilled,
        tasks,
        notifications,
        json,
        config,
        clock);
  }

  /** See {@link WriteUpSweeperConfig} for what each setting means. */
  @Singleton
  WriteUpSweeperConfig writeUpSweeperConfig(
      @Value("${parley.write-up-sweeper.interval:1m}") Duration interval,
      @Value("${parley.write-up-sweeper.grace:5m}") Duration grace,
      @Value("${parley.write-up-sweeper.look-back:24h}") Duration lookBack,
      @Value("${parley.write-up-sweeper.lease:5m}") Duration lease) {
    return new WriteUpSweeperConfig(interval, grace, lookBack, lease, 20);
  }

  /** The write-up sweeper; started by {@link ConversationLoops} when switched on. */
  @Singleton
  @Bean(preDestroy = "close")
  WriteUpSweeper writeUpSweeper(
      DataSource dataSource,
      Conversations conversations,
      WriteUpSweeperConfig config,
      Clock clock) {
    return new WriteUpSweeper(RawDataSource.of(dataSource), conversations, config, clock);
  }

  @Singleton
  @Bean(preDestroy = "close")
  Conversations conversations(
      LlmBrains brains,
      CallContexts contexts,
      MediaNodeRegistry nodes,
      CallSessionService sessions,
      CallSessionRepository sessionRecords,
      CallTaskService tasks,
      ApprovalRepository approvals,
      DoNotCallList doNotCall,
      CallSessionCache cache,
      CallEventRecorder events,
      CallWriteUp writeUp,
      Receptionists receptionists,
      ConversationConfig config,
      Clock clock) {
    AtomicInteger n = new AtomicInteger();
    Conversations c =
        new Conversations(
            brains,
            contexts,
            nodes,
            sessions,
            sessionRecords,
            tasks,
            approvals,
            doNotCall,
            cache,
            events,
            writeUp,
            receptionists,
            config,
            clock,
            Executors.newFixedThreadPool(
                config.workers(),
                r -> {
                  Thread t = new Thread(r, "conversation-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                }),
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "conversation-timers");
                  t.setDaemon(true);
                  return t;
                }));
    nodes.callOpener(c);
    return c;
  }
}
