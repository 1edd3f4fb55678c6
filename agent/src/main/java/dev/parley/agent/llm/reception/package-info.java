/**
 * The receptionist with a chat model: the model holds an inbound call with tools over the centre's
 * {@link dev.parley.agent.reception.ServiceDesk}, while the calendar's guarantees are enforced in
 * code (only times the desk offered, only codes a booking returned), and the rule-based {@link
 * dev.parley.agent.reception.ReceptionistAgent} takes any turn the model cannot.
 */
package dev.parley.agent.llm.reception;
