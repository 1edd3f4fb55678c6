/**
 * SIMULATION ONLY: a Twilio emulator for Parley's demo, tests and load harness.
 *
 * <p>It speaks enough of Twilio's Calls REST API, status callbacks, TwiML and Media Streams for the
 * official Twilio SDK and Parley's media server to work against it unchanged, and plays the callee
 * with a {@link dev.parley.emulator.callee.SimulatedCallee}. Nothing here may be wired into a
 * production path: production talks to the real Twilio.
 */
package dev.parley.emulator;
