package dev.parley.media;

import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.server.SpeechProviders;
import java.util.concurrent.CountDownLatch;

/** Runs a media node configured from the environment until the JVM is told to stop. */
public final class MediaServerMain {

  private MediaServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    SpeechProviders speech = SpeechProviders.fromEnvironment(System.getenv());
    MediaServer server =
        MediaServer.start(
            MediaServerConfig.fromEnv(System.getenv()),
            speech.speechToText(),
            speech.textToSpeech());
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  done.countDown();
                },
                "parley-media-shutdown"));
    done.await();
  }
}
