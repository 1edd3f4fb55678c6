package dev.parley.emulator.call;

import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.twiml.TwimlException;
import dev.parley.emulator.twiml.TwimlParser;
import dev.parley.emulator.twiml.TwimlVerb;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: a call from its creation until it is answered or given up, as Twilio reports it.
 * Outbound: initiated, ringing, then answered (by a person or a machine, as answering-machine
 * detection tells) or busy, failed or unanswered after the request's timeout, as the dialled number
 * behaves. Inbound: ringing while the number's Voice URL says whether to answer. Runs on the call's
 * event loop through the {@link EmulatedCall}'s timers.
 */
final class DialProgress {

  private static final Logger log = LoggerFactory.getLogger(DialProgress.class);

  /** Longest wait for a voicemail greeting to end under DetectMessageEnd (Twilio's default). */
  private static final Duration MESSAGE_END_LIMIT = Duration.ofSeconds(30);

  private final EmulatedCall call;
  private final CallRequest request;
  private final CalleeBehaviour behaviour;
  private final CallServices services;
  private final StatusCallbacks callbacks;
  private final TwimlProgram program;
  private boolean awaitingMessageEnd;

  DialProgress(
      EmulatedCall call,
      CallRequest request,
      CalleeBehaviour behaviour,
      CallServices services,
      StatusCallbacks callbacks,
      TwimlProgram program) {
    this.call = call;
    this.request = request;
    this.behaviour = behaviour;
    this.services = services;
    this.callbacks = callbacks;
    this.program = program;
  }

  /** Starts dialling (outbound) or ringing (inbound) after the configured dial delay. */
  void start() {
    if (request.direction() == CallDirection.INBOUND) {
      call.later(services.config().dialDelay(), this::ringInbound);
    } else {
      call.later(services.config().dialDelay(), this::initiate);
    }
  }

  /** The callee noted {@code what}: the end of a voicemail greeting lets the TwiML run. */
  void calleeNoted(String what) {
    if (awaitingMessageEnd && "finished line".equals(what)) {
      messageEnded();
    }
  }

  /**
   * An incoming call rings while Twilio asks the number's Voice URL what to do: {@code <Reject>}
   * first leaves it unanswered, anything else answers it and runs; a webhook that fails or answers
   * non-2xx or invalid TwiML ends it {@code failed} (the caller would hear Twilio's application
   * error message).
   */
  private void ringInbound() {
    call.setStatus(CallStatus.RINGING);
    String url = request.url().orElseThrow();
    services
        .webhooks()
        .send(url, request.method(), callbacks.baseParams(call.snapshot(), Optional.empty()))
        .whenComplete(
            (response, error) ->
                call.execute(
                    () -> {
                      if (error != null || !response.ok()) {
                        String why = error != null ? error.toString() : "HTTP " + response.status();
                        applicationError(url, "fetch failed: " + why);
                        return;
                      }
                      List<TwimlVerb> verbs;
                      try {
                        verbs = TwimlParser.parse(response.body());
                      } catch (TwimlException e) {
                        applicationError(url, "invalid: " + e.getMessage());
                        return;
                      }
                      if (!verbs.isEmpty() && verbs.get(0) instanceof TwimlVerb.Reject reject) {
                        call.note("twiml", reject.busy() ? "Reject busy" : "Reject rejected");
                        call.finish(reject.busy() ? CallStatus.BUSY : CallStatus.NO_ANSWER);
                        return;
                      }
                      call.connectLine(Optional.empty());
                      program.run(verbs);
                    }));
  }

  private void applicationError(String url, String why) {
    call.note("twiml", why);
    log.warn("inbound call {}: voice webhook {}: {}", call.sid(), url, why);
    call.finish(CallStatus.FAILED);
  }

  private void initiate() {
    callbacks.send("initiated", "initiated", call.snapshot(), answeredBy());
    switch (behaviour.outcome()) {
      case FAILED -> call.later(behaviour.ringFor(), () -> call.finish(CallStatus.FAILED));
      case BUSY -> call.later(behaviour.ringFor(), () -> call.finish(CallStatus.BUSY));
      default -> call.later(services.config().ringDelay(), this::ring);
    }
  }

  private void ring() {
    call.setStatus(CallStatus.RINGING);
    callbacks.send("ringing", "ringing", call.snapshot(), Optional.empty());
    Duration timeout = Duration.ofSeconds(request.timeoutSeconds());
    if (!behaviour.answers() || behaviour.ringFor().compareTo(timeout) >= 0) {
      call.later(timeout, () -> call.finish(CallStatus.NO_ANSWER));
    } else {
      call.later(behaviour.ringFor(), this::answer);
    }
  }

  private void answer() {
    call.connectLine(answeredBy());
    if (call.snapshot().answeredBy().filter("machine_end_beep"::equals).isPresent()) {
      // DetectMessageEnd: Twilio connects only once the greeting has ended with its beep, so a
      // voicemail drop lands after the tone. The callee signals it; a timer guards silent ones.
      awaitingMessageEnd = true;
      call.later(MESSAGE_END_LIMIT, this::messageEnded);
    } else {
      program.fetch(request.url(), request.method(), request.twiml());
    }
  }

  private void messageEnded() {
    if (awaitingMessageEnd) {
      awaitingMessageEnd = false;
      call.note("twiml", "message end detected");
      program.fetch(request.url(), request.method(), request.twiml());
    }
  }

  /** What answering-machine detection reports for this number, when the request asked for it. */
  private Optional<String> answeredBy() {
    if (request.machineDetection().isEmpty() || !behaviour.answers()) {
      return Optional.empty();
    }
    if (behaviour.outcome() == CalleeBehaviour.Outcome.ANSWER_HUMAN) {
      return Optional.of("human");
    }
    return Optional.of(
        "DetectMessageEnd".equals(request.machineDetection().get())
            ? "machine_end_beep"
            : "machine_start");
  }
}
