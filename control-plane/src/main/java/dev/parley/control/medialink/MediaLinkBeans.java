package dev.parley.control.medialink;

import dev.parley.control.dispatch.LoopSwitch;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.dispatch.SessionEnder;
import dev.parley.control.telephony.TelephonyConfig;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/** Wires the media-node registry, the call recorder and the link server. */
@Factory
public class MediaLinkBeans {

  @Singleton
  MediaNodeRegistry mediaNodeRegistry(
      TelephonyConfig telephony,
      Clock clock,
      @Value("${parley.media.language:en-US}") String language,
      @Value("${parley.media.voice:default}") String voice,
      @Value("${parley.media.stt-provider:}") String stt,
      @Value("${parley.media.tts-provider:}") String tts,
      @Value("${parley.media.greeting:Hello, this is Parley, an automated assistant.}")
          String greeting,
      @Value("${parley.media.speech-mode:pipeline}") String speechMode) {
    return new MediaNodeRegistry(
        new MediaNodeRegistry.SessionDefaults(
            telephony.streamSecret(),
            telephony.streamTokenTtl(),
            telephony.callerId(),
            language,
            voice,
            stt,
            tts,
            greeting,
            MediaNodeRegistry.speechMode(speechMode)),
        clock);
  }

  @Singleton
  @Bean(preDestroy = "close")
  MediaCallRecorder mediaCallRecorder(DataSource dataSource, SessionEnder ender, Clock clock) {
    return new MediaCallRecorder(RawDataSource.of(dataSource), ender, clock);
  }

  @Singleton
  MediaLinkConfig mediaLinkConfig(
      @Value("${parley.media-link.host:0.0.0.0}") String host,
      @Value("${parley.media-link.port:9400}") int port,
      @Value("${parley.media-link.heartbeat-interval:5s}") Duration heartbeat,
      @Value("${parley.media-link.missed-heartbeats:3}") int missed,
      @Value("${parley.media-link.hello-timeout:10s}") Duration helloTimeout) {
    return new MediaLinkConfig(host, port, heartbeat, missed, helloTimeout);
  }

  /** Starts the link server when {@code parley.media-link.enabled} (see {@link LoopSwitch}). */
  @Context
  @Bean(preDestroy = "close")
  MediaLinkRunner mediaLinkRunner(
      Environment env,
      MediaLinkConfig config,
      MediaNodeRegistry registry,
      MediaCallRecorder recorder,
      BeanProvider<MediaEventListener> others)
      throws InterruptedException {
    MediaLinkRunner runner = new MediaLinkRunner();
    if (LoopSwitch.enabled(env, "parley.media-link.enabled")) {
      List<MediaEventListener> listeners = new ArrayList<>();
      others.stream().forEach(listeners::add);
      registry.onNodeLost(
          (node, calls) -> {
            recorder.nodeLost(node, calls);
            // Everyone else hears of the lost calls as ended by a media error.
            for (MediaEventListener l : listeners) {
              if (l != recorder) {
                for (java.util.UUID call : calls) {
                  l.onMediaEvent(
                      node,
                      new dev.parley.protocol.SessionEnd(
                          call,
                          dev.parley.protocol.SessionEndReason.MEDIA_ERROR,
                          "media node lost"));
                }
              }
            }
          });
      try {
        runner.server = new MediaLinkServer(config, registry, listeners).start();
      } catch (Exception e) {
        // Netty rethrows a BindException undeclared, hence Exception. A taken port must not take
        // the API down with it: calls then get the "unavailable" TwiML
        // until the link is fixed, and the error says why.
        LoggerFactory.getLogger(MediaLinkBeans.class)
            .error(
                "media link could not listen on {}:{}; no media node can connect",
                config.host(),
                config.port(),
                e);
      }
    }
    return runner;
  }

  /** Holds the running server, if any, so it is closed with the context. */
  public static final class MediaLinkRunner implements AutoCloseable {
    private MediaLinkServer server;

    /** The running server, or null when the link is switched off. */
    public MediaLinkServer server() {
      return server;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
