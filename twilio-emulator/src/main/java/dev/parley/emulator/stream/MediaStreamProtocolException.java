package dev.parley.emulator.stream;

/** SIMULATION ONLY: the peer sent something that is not a valid Media Streams message. */
public final class MediaStreamProtocolException extends Exception {

  public MediaStreamProtocolException(String reason) {
    super(reason);
  }
}
