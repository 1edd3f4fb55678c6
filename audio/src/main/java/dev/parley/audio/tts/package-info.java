/** Speech synthesis to 8 kHz μ-law frames, with an offline FreeTTS implementation. */
package dev.parley.audio.tts;
