package dev.parley.emulator;

import dev.parley.audio.tts.OfflineSpeechSynthesizer;
import dev.parley.emulator.call.CallRegistry;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.number.IncomingNumber;
import dev.parley.emulator.number.IncomingNumbers;
import dev.parley.emulator.rest.CallsApiHandler;
import dev.parley.emulator.rest.RestServerInitializer;
import dev.parley.emulator.stream.MediaClock;
import dev.parley.emulator.stream.MediaStreamConnector;
import dev.parley.emulator.stream.StreamCounters;
import dev.parley.emulator.webhook.WebhookClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * SIMULATION ONLY: an embeddable Twilio emulator (Calls REST API, status callbacks, TwiML, Media
 * Streams, simulated callees, inbound calls from simulated callers to the account's numbers) for
 * the demo, tests and load harness. Never a production path.
 *
 * <pre>{@code
 * try (TwilioEmulator twilio = TwilioEmulator.start(EmulatorConfig.defaults())) {
 *   TwilioRestClient client = EmulatorTwilioClients.restClient(twilio.baseUri(),
 *       twilio.config().accountSid(), twilio.config().authToken());
 *   Call call = Call.creator(to, from, twimlUri).create(client);
 *   twilio.call(call.getSid()).orElseThrow().ended().get();
 * }
 * }</pre>
 *
 * <p>This class only boots and shuts down; calls live in {@link CallRegistry}, callees in {@link
 * CalleeDirectory}.
 */
public final class TwilioEmulator implements AutoCloseable {

  private final EmulatorConfig config;
  private final EventLoopGroup group;
  private final ExecutorService synthesis;
  private final Channel serverChannel;
  private final CalleeDirectory callees;
  private final IncomingNumbers incomingNumbers = new IncomingNumbers();
  private final CallRegistry calls;
  private final MediaClock mediaClock;
  private final MediaStreamConnector streams;
  private final WebhookClient webhooks;
  private final OfflineSpeechSynthesizer offlineVoice;

  private TwilioEmulator(EmulatorConfig config) throws InterruptedException {
    this.config = config;
    // First: loading the voices is the step most likely to fail, and nothing needs undoing yet.
    this.offlineVoice = config.offlineSpeech() ? new OfflineSpeechSynthesizer(2) : null;
    EmulatorTransport transport = EmulatorTransport.best();
    this.group =
        new MultiThreadIoEventLoopGroup(
            0, new DefaultThreadFactory("twilio-emulator", true), transport.ioHandlerFactory());
    this.synthesis =
        Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
            new DefaultThreadFactory("twilio-emulator-tts", true));
    this.callees = new CalleeDirectory(synthesis);
    config.incomingNumbers().forEach(incomingNumbers::configure);
    if (offlineVoice != null) {
      callees.setAudioSource(offlineVoice::synthesize);
    }
    this.mediaClock = new MediaClock();
    this.streams =
        new MediaStreamConnector(
            config.accountSid(),
            config.authToken(),
            config.trustAllCertificates(),
            transport.clientChannel());
    this.webhooks = new WebhookClient(config.authToken(), config.webhookTimeout());
    this.calls = new CallRegistry(config, group, webhooks, streams, mediaClock, callees, synthesis);
    CallsApiHandler api =
        new CallsApiHandler(config.accountSid(), config.authToken(), calls, incomingNumbers);
    try {
      this.serverChannel =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(new RestServerInitializer(api))
              .bind(config.port())
              .sync()
              .channel();
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      synthesis.shutdownNow();
      if (offlineVoice != null) {
        offlineVoice.close();
      }
      throw e;
    }
  }

  /** Starts an emulator; its REST API listens on {@link #port()} when this returns. */
  public static TwilioEmulator start(EmulatorConfig config) {
    try {
      return new TwilioEmulator(config);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Twilio emulator", e);
    }
  }

  /** The bound port of the REST API. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * {@code http://127.0.0.1:port}: the base URL to give a Twilio client instead of api.twilio.com.
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** The emulator's settings (account SID and auth token included). */
  public EmulatorConfig config() {
    return config;
  }

  /** The phone book: register behaviours and callee factories for numbers here. */
  public CalleeDirectory callees() {
    return callees;
  }

  /**
   * The account's incoming phone numbers: configure the Voice URL (and status callback) that
   * inbound calls to a number are sent to.
   */
  public IncomingNumbers incomingNumbers() {
    return incomingNumbers;
  }

  /**
   * Places an inbound call: the simulated person registered for {@code from} in {@link #callees()}
   * calls {@code to}, one of {@link #incomingNumbers()}. Returns at once (its {@code CallSid} is
   * {@link EmulatedCall#sid()}); the call then runs as Twilio runs one: the number's Voice URL is
   * asked, signed, what to do, and the TwiML answer is executed ({@code <Connect><Stream>} opens
   * the Media Stream, {@code <Reject>} refuses the call, {@code <Hangup/>} ends it).
   *
   * @throws IllegalArgumentException if {@code to} is not an incoming number of this account
   */
  public EmulatedCall placeInboundCall(String from, String to) {
    IncomingNumber number =
        incomingNumbers
            .find(to)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        to
                            + " is not an incoming number of this emulator (SIMULATION):"
                            + " configure it with incomingNumbers().configure(...)"));
    return calls.createInbound(from, number);
  }

  /** The call with {@code callSid}, if held. */
  public Optional<EmulatedCall> call(String callSid) {
    return calls.find(callSid);
  }

  /** All calls held. */
  public Collection<EmulatedCall> calls() {
    return calls.all();
  }

  /** The call registry (counts, cleanup). */
  public CallRegistry callRegistry() {
    return calls;
  }

  /** Media Stream counters over all calls. */
  public StreamCounters streamCounters() {
    return streams.counters();
  }

  /** The shared 20 ms clock's counters (ticks, late ticks). */
  public MediaClock mediaClock() {
    return mediaClock;
  }

  /** Webhook requests made and failed. */
  public WebhookClient webhooks() {
    return webhooks;
  }

  /** Stops listening, ends the event loops (streams drop) and the synthesis threads. */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    synthesis.shutdownNow();
    if (offlineVoice != null) {
      offlineVoice.close();
    }
  }
}
