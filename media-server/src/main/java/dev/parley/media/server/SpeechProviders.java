package dev.parley.media.server;

import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import dev.parley.audio.vad.VadConfig;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.SynthesizerTextToSpeech;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.media.speech.VadSegmentSpeechToText;

/** The speech providers a node runs with. */
public record SpeechProviders(SpeechToText speechToText, TextToSpeech textToSpeech) {

  /**
   * The offline defaults: FreeTTS through the audio module for speech, and a recogniser that
   * reports utterance boundaries with no words ({@link VadSegmentSpeechToText}).
   */
  public static SpeechProviders offline() {
    OfflineSpeechSynthesizer synth = new OfflineSpeechSynthesizer(2);
    return new SpeechProviders(
        new VadSegmentSpeechToText(VadConfig.defaults()),
        new SynthesizerTextToSpeech(synth, 2, synth));
  }
}
