package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.language.MoneyMention;
import dev.parley.agent.planning.CallPlan;
import java.math.BigDecimal;
import java.util.List;

/**
 * A price the callee quotes: recorded, and when it is above what the agent may agree to on its own
 * (the owner's approval threshold or the plan's money limit, whichever is lower) the call is put on
 * hold while the owner is asked to approve it.
 */
final class QuotedPrice {
  private final DialogContext c;
  private final Session s;
  private final CallPlan plan;

  QuotedPrice(DialogContext c, Session s) {
    this.c = c;
    this.s = s;
    this.plan = c.plan();
  }

  /**
   * Weighs the amounts found in one reply; the first one is the quote.
   *
   * @return false when the turn is complete (approval was requested)
   */
  boolean weigh(List<MoneyMention> found) {
    if (found.isEmpty()) {
      return true;
    }
    MoneyMention m = found.get(0);
    BigDecimal amount = m.ceiling();
    s.remember(Slots.PRICE, amount.toPlainString());
    s.remember(Slots.PRICE_RAW, m.raw());
    BigDecimal threshold = c.settings().requireApprovalAbove();
    if (plan.moneyLimit() != null && plan.moneyLimit().max().compareTo(threshold) < 0) {
      threshold = plan.moneyLimit().max();
    }
    String approved = s.slots.get(Slots.APPROVAL);
    boolean alreadyApproved =
        approved != null
            && approved.startsWith("approved:")
            && new BigDecimal(approved.substring(9)).compareTo(amount) >= 0;
    if (amount.compareTo(threshold) > 0 && !alreadyApproved) {
      s.say(
          "That's more than I'm able to agree to on my own. I need to check with "
              + c.owner().firstName()
              + ". Could you hold for just a moment?");
      s.act(
          new AgentAction.RequestApproval(
              plan.calleeLabel()
                  + " quoted "
                  + Utterances.money(amount)
                  + (plan.topic() != null ? " for the " + plan.topic() : "")
                  + (plan.moneyLimit() != null
                      ? "; your limit is " + plan.moneyLimit().spoken()
                      : "")
                  + ". Approve?",
              amount));
      s.phase = Phase.AWAITING_APPROVAL;
      s.awaiting = Awaiting.APPROVAL;
      return false;
    }
    return true;
  }
}
