/**
 * Voice activity detection on 20 ms μ-law frames: onset drives barge-in, hangover drives end of
 * turn.
 */
package dev.parley.audio.vad;
