/**
 * SIMULATION ONLY: a speech recogniser that knows what simulated callees say, and finds when they
 * say it with a real voice activity detector. Refuses any number outside the fictional range.
 */
package dev.parley.simulation.recognizer;
