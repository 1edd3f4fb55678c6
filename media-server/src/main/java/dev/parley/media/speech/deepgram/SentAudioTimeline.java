package dev.parley.media.speech.deepgram;

import java.util.Arrays;

/**
 * Maps Deepgram's clock onto the call's inbound stream. Deepgram times results from the audio it
 * was sent, but the call does not send every inbound sample (the echo gate holds back audio while
 * the agent speaks), so each contiguous run of sent audio is recorded as (sent-sample offset,
 * stream sample) and provider times are mapped through it.
 *
 * <p>Allocates only when a new run starts (after a gap), never per frame of a run.
 */
final class SentAudioTimeline {

  private long[] sentStart = new long[16];
  private long[] streamStart = new long[16];
  private int runs;
  private long sentSamples;
  private long nextStreamSample = -1;

  /** Records {@code samples} samples sent now, the first being {@code streamSample}. */
  void sent(long streamSample, int samples) {
    if (streamSample != nextStreamSample) {
      if (runs == sentStart.length) {
        sentStart = Arrays.copyOf(sentStart, runs * 2);
        streamStart = Arrays.copyOf(streamStart, runs * 2);
      }
      sentStart[runs] = sentSamples;
      streamStart[runs] = streamSample;
      runs++;
    }
    sentSamples += samples;
    nextStreamSample = streamSample + samples;
  }

  /** The stream time in ms of Deepgram's {@code seconds} (seconds of audio sent so far). */
  int streamMs(double seconds) {
    long s = Math.max(0, Math.round(seconds * 8000));
    if (runs == 0) {
      return (int) (s / 8);
    }
    int i = runs - 1;
    while (i > 0 && sentStart[i] > s) {
      i--;
    }
    return (int) ((streamStart[i] + (s - sentStart[i])) / 8);
  }

  /** Forgets runs that end before {@code seconds}: results never look that far back again. */
  void forgetBefore(double seconds) {
    long s = Math.round(seconds * 8000);
    int keepFrom = 0;
    while (keepFrom + 1 < runs && sentStart[keepFrom + 1] <= s) {
      keepFrom++;
    }
    if (keepFrom > 0) {
      System.arraycopy(sentStart, keepFrom, sentStart, 0, runs - keepFrom);
      System.arraycopy(streamStart, keepFrom, streamStart, 0, runs - keepFrom);
      runs -= keepFrom;
    }
  }

  /** Samples sent so far. */
  long sentSamples() {
    return sentSamples;
  }
}
