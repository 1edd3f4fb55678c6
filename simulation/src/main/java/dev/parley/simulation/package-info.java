/**
 * SIMULATION ONLY: scripted callee personas for the Twilio emulator and the scripted recogniser the
 * media server uses for them, for the demo, tests and the load harness. Injected by the launcher
 * and tests; nothing on a production path depends on this package.
 */
package dev.parley.simulation;
