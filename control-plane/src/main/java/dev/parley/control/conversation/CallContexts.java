package dev.parley.control.conversation;

import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.CallPlanDocument;
import dev.parley.control.account.User;
import dev.parley.control.account.UserRepository;
import dev.parley.control.infra.Json;
import dev.parley.control.settings.AssistantSettingsService;
import dev.parley.control.task.CallTask;
import dev.parley.control.task.CallTaskRepository;
import dev.parley.control.task.planning.AgentModels;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds what the dialog agent needs for one call from the records: the task's stored plan, the
 * owner and the owner's assistant settings as they are at dial time.
 */
@Singleton
public class CallContexts {
  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(Argument.STRING, Argument.OBJECT_ARGUMENT);

  private final CallTaskRepository tasks;
  private final UserRepository users;
  private final AssistantSettingsService settings;
  private final Json json;

  CallContexts(
      CallTaskRepository tasks,
      UserRepository users,
      AssistantSettingsService settings,
      Json json) {
    this.tasks = tasks;
    this.users = users;
    this.settings = settings;
    this.json = json;
  }

  /** A task's call as the agent sees it. */
  public record CallContext(CallTask task, User owner, DialogContext dialog) {
    public CallPlan plan() {
      return dialog.plan();
    }
  }

  /**
   * The context of task {@code taskId}'s next call; empty when the task is gone or has no plan the
   * agent can follow (an inbound call answered without one, for instance).
   */
  public Optional<CallContext> load(UUID taskId, UUID organizationId) {
    Optional<CallTask> found = tasks.findByIdAndOrganizationId(taskId, organizationId);
    if (found.isEmpty() || found.get().getPlan() == null) {
      return Optional.empty();
    }
    CallTask task = found.get();
    return withOwner(task, CallPlanDocument.fromMap(json.read(task.getPlan(), MAP)));
  }

  /**
   * The context of an inbound call's task, with the plan its answering agent follows (inbound tasks
   * store none: the plan is the receptionist's standing one).
   */
  public Optional<CallContext> inbound(UUID taskId, UUID organizationId, CallPlan plan) {
    return tasks.findByIdAndOrganizationId(taskId, organizationId).flatMap(t -> withOwner(t, plan));
  }

  private Optional<CallContext> withOwner(CallTask task, CallPlan plan) {
    UUID organizationId = task.getOrganizationId();
    Optional<User> owner = users.findByIdAndOrganizationId(task.getOwnerUserId(), organizationId);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    DialogContext dialog =
        new DialogContext(
            plan,
            AgentModels.owner(owner.get(), task.getTone()),
            AgentModels.settings(settings.forUser(owner.get().id(), organizationId), json));
    return Optional.of(new CallContext(task, owner.get(), dialog));
  }
}
