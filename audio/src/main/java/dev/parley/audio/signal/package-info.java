/**
 * Test-signal generation with known truth (noise, mixing, placed utterances) for tests, the Twilio
 * emulator and the load harness.
 */
package dev.parley.audio.signal;
