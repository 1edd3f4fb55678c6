/** In-band DTMF: a frame-by-frame tone generator for navigating IVRs and a Goertzel receiver. */
package dev.parley.audio.dtmf;
