package dev.parley.agent.analysis;

import dev.parley.agent.planning.CallPlan;
import java.util.List;

/** Writes up a finished call. */
public interface PostCallAnalyst {

  /**
   * Analyses a call.
   *
   * @param plan the plan the call followed
   * @param transcript the call's utterances in order
   * @param hangUpReason why the call ended, as the dialog agent reported it (e.g. "completed",
   *     "voicemail_left", "opt_out"), or null when unknown; the transcript decides when absent
   */
  CallAnalysis analyse(CallPlan plan, List<TranscriptSegment> transcript, String hangUpReason);
}
