/**
 * G.711 μ-law (table-driven, with the arithmetic reference it is measured against) and resampling
 * for 8 kHz telephone audio.
 */
package dev.parley.audio.codec;
