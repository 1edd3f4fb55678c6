/**
 * The echo gate that keeps the agent's own voice, coming back down the line, from STT and barge-in,
 * and the pre-roll that keeps a real interruption whole.
 */
package dev.parley.audio.echo;
