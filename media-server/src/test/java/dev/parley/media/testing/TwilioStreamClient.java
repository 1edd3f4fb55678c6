package dev.parley.media.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.audio.codec.MuLaw;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Behaves like Twilio's side of a bidirectional Media Stream, in real time: sends {@code
 * connected}, {@code start} (with the stream token as a custom parameter) and a 20 ms {@code media}
 * frame per tick carrying the callee's audio plus, optionally, an echo of what it has itself
 * played; buffers our outbound audio and plays one 20 ms frame per tick, echoing each mark when
 * playback reaches it; on {@code clear} empties its buffer and echoes every pending mark.
 */
public final class TwilioStreamClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] SILENCE_FRAME = silence();

  /** Something in Twilio's playout buffer: 160 bytes of audio or a mark. */
  private record Item(byte[] audio, String mark) {}

  /**
   * A mark this peer echoed, placed on its own timelines: {@code playedFrames} audio frames had
   * played when it went out, after {@code mediaFramesSent} inbound media frames (so the server
   * reads it before inbound frame number {@code mediaFramesSent}, on the same ordered socket).
   */
  public record MarkEcho(String name, int playedFrames, long mediaFramesSent) {}

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final URI uri;
  private final String streamSid = "MZ" + Long.toHexString(System.nanoTime());
  private Channel channel;
  private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();
  private final CompletableFuture<Integer> httpStatus = new CompletableFuture<>();

  // Guarded by this.
  private final ArrayDeque<Item> buffer = new ArrayDeque<>();
  private final List<String> marksEchoed = new ArrayList<>();
  private final List<MarkEcho> markEchoes = new ArrayList<>();
  private final List<Long> clearTicks = new ArrayList<>();
  private final List<Integer> clearPlayedFrames = new ArrayList<>();
  private final List<Long> clearNanos = new ArrayList<>();
  private final List<String> received = new ArrayList<>();
  private short[] played = new short[8000 * 60];
  private long tick;
  private long mediaFramesSent;
  private long[] tickNanos = new long[3000 * 10];
  private int playedAudioFrames;
  private int receivedMedia;
  private long firstMediaNanos;
  private long startSentNanos;

  private byte[] callee = new byte[0];
  private double echoGain;
  private int echoDelaySamples;
  private ScheduledFuture<?> ticker;

  private TwilioStreamClient(URI uri) {
    this.uri = uri;
  }

  /**
   * Opens the WebSocket to {@code ws://host:port/streams/callId}; headers may carry a signature.
   */
  public static TwilioStreamClient connect(String host, int port, String path, HttpHeaders headers)
      throws Exception {
    TwilioStreamClient c = new TwilioStreamClient(new URI("ws://" + host + ":" + port + path));
    c.open(headers == null ? new DefaultHttpHeaders() : headers);
    return c;
  }

  private void open(HttpHeaders headers) throws Exception {
    WebSocketClientHandshaker hs =
        WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, headers, 1 << 20);
    CompletableFuture<Void> handshook = new CompletableFuture<>();
    channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(1 << 16))
                        .addLast(new Handler(hs, handshook));
                  }
                })
            .connect(uri.getHost(), uri.getPort())
            .sync()
            .channel();
    // From the event loop: the handshaker swaps codecs in a listener on the request's write, which
    // must run before the server's 101 is read (attached from another thread it may run later).
    channel.eventLoop().submit(() -> hs.handshake(channel)).sync().getNow().sync();
    try {
      handshook.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException refused) {
      // A refused upgrade is an outcome tests look at through httpStatus().
    }
  }

  /** HTTP status of a refused upgrade (completes only when the upgrade is refused). */
  public CompletableFuture<Integer> httpStatus() {
    return httpStatus;
  }

  /** The close code the server sent (or 1006 when the socket closed without one). */
  public CompletableFuture<Integer> closeStatus() {
    return closeStatus;
  }

  public String streamSid() {
    return streamSid;
  }

  /** Sends {@code connected} then {@code start} with the given custom parameters. */
  public void start(String token) {
    start(token, "audio/x-mulaw", 8000);
  }

  public void start(String token, String encoding, int rate) {
    start(token, encoding, rate, java.util.Map.of());
  }

  /** Sends {@code connected} then {@code start} with the token and more custom parameters. */
  public void start(String token, java.util.Map<String, String> parameters) {
    start(token, "audio/x-mulaw", 8000, parameters);
  }

  private void start(
      String token, String encoding, int rate, java.util.Map<String, String> parameters) {
    sendText("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
    StringBuilder p = new StringBuilder("{");
    if (token != null) {
      p.append("\"token\":\"").append(token).append('"');
    }
    parameters.forEach(
        (k, v) ->
            p.append(p.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
    String params = p.append('}').toString();
    sendText(
        "{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC123\",\"streamSid\":\""
            + streamSid
            + "\",\"callSid\":\"CA123\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":\""
            + encoding
            + "\",\"sampleRate\":"
            + rate
            + ",\"channels\":1},\"customParameters\":"
            + params
            + "},\"streamSid\":\""
            + streamSid
            + "\"}");
    synchronized (this) {
      startSentNanos = System.nanoTime();
    }
  }

  /**
   * Starts the 20 ms clock: plays our buffered audio and sends the callee's audio ({@code callee},
   * silence after it ends) mixed with an echo of what was played, {@code echoDb} (NaN for none)
   * after {@code echoDelayMs}.
   */
  public void startMedia(byte[] calleeMuLaw, double echoDb, int echoDelayMs) {
    synchronized (this) {
      this.callee = calleeMuLaw;
      this.echoGain = Double.isNaN(echoDb) ? 0 : Math.pow(10, echoDb / 20);
      this.echoDelaySamples = echoDelayMs * 8;
    }
    ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
  }

  /** Stops sending media (the socket stays open): what a stalled stream looks like. */
  public void stopMedia() {
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  private synchronized void tick() {
    if (!channel.isActive()) {
      return;
    }
    long t = tick++;
    if (t < tickNanos.length) {
      tickNanos[(int) t] = System.nanoTime();
    }
    // Play one frame of our audio, echoing marks reached before and after it.
    echoMarksAtHead();
    Item head = buffer.peek();
    byte[] out = SILENCE_FRAME;
    if (head != null && head.audio != null) {
      buffer.poll();
      out = head.audio;
      playedAudioFrames++;
    }
    echoMarksAtHead();
    int base = (int) t * 160;
    if (base + 160 > played.length) {
      played = java.util.Arrays.copyOf(played, played.length * 2);
    }
    for (int i = 0; i < 160; i++) {
      played[base + i] = MuLaw.decode(out[i]);
    }
    // The callee's frame: their voice plus our echo.
    byte[] frame = new byte[160];
    for (int i = 0; i < 160; i++) {
      int idx = base + i;
      int v = idx < callee.length ? MuLaw.decode(callee[idx]) : 0;
      int e = idx - echoDelaySamples;
      if (echoGain > 0 && e >= 0) {
        v += (int) Math.round(played[e] * echoGain);
      }
      frame[i] = MuLaw.encode(Math.max(-32768, Math.min(32767, v)));
    }
    sendText(
        "{\"event\":\"media\",\"sequenceNumber\":\""
            + (t + 2)
            + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
            + (t + 1)
            + "\",\"timestamp\":\""
            + t * 20
            + "\",\"payload\":\""
            + Base64.getEncoder().encodeToString(frame)
            + "\"},\"streamSid\":\""
            + streamSid
            + "\"}");
    mediaFramesSent++;
  }

  private void echoMarksAtHead() {
    while (!buffer.isEmpty() && buffer.peek().mark != null) {
      echoMark(buffer.poll().mark);
    }
  }

  private void echoMark(String name) {
    marksEchoed.add(name);
    markEchoes.add(new MarkEcho(name, playedAudioFrames, mediaFramesSent));
    sendText(
        "{\"event\":\"mark\",\"sequenceNumber\":\"9\",\"streamSid\":\""
            + streamSid
            + "\",\"mark\":{\"name\":\""
            + name
            + "\"}}");
  }

  /** Sends a {@code dtmf} event. */
  public void dtmf(char digit) {
    sendText(
        "{\"event\":\"dtmf\",\"streamSid\":\""
            + streamSid
            + "\",\"sequenceNumber\":\"5\",\"dtmf\":{\"track\":\"inbound_track\",\"digit\":\""
            + digit
            + "\"}}");
  }

  /** Sends {@code stop}. */
  public void stop() {
    stopMedia();
    sendText(
        "{\"event\":\"stop\",\"sequenceNumber\":\"99\",\"streamSid\":\""
            + streamSid
            + "\",\"stop\":{\"accountSid\":\"AC123\",\"callSid\":\"CA123\"}}");
  }

  /** Sends any text frame. */
  public void sendText(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Sends a frame built by the caller (for malformed-input tests). */
  public void send(WebSocketFrame frame) {
    channel.writeAndFlush(frame);
  }

  /** Drops the TCP connection without a close frame. */
  public void abort() {
    stopMedia();
    channel.close();
  }

  private synchronized void onServerText(String text) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (Exception e) {
      received.add("INVALID:" + text);
      return;
    }
    String event = n.path("event").asText();
    received.add(event);
    if (!streamSid.equals(n.path("streamSid").asText())) {
      received.add("WRONG_SID");
    }
    switch (event) {
      case "media" -> {
        byte[] audio = Base64.getDecoder().decode(n.path("media").path("payload").asText());
        if (receivedMedia++ == 0) {
          firstMediaNanos = System.nanoTime();
        }
        for (int p = 0; p < audio.length; p += 160) {
          byte[] f = java.util.Arrays.copyOfRange(audio, p, Math.min(audio.length, p + 160));
          if (f.length < 160) {
            f = java.util.Arrays.copyOf(f, 160);
            java.util.Arrays.fill(f, audio.length - p, 160, (byte) 0xFF);
          }
          buffer.add(new Item(f, null));
        }
      }
      case "mark" -> {
        String name = n.path("mark").path("name").asText();
        if (buffer.isEmpty()) {
          echoMark(name);
        } else {
          buffer.add(new Item(null, name));
        }
      }
      case "clear" -> {
        clearTicks.add(tick);
        clearNanos.add(System.nanoTime());
        clearPlayedFrames.add(playedAudioFrames);
        while (!buffer.isEmpty()) {
          Item i = buffer.poll();
          if (i.mark != null) {
            echoMark(i.mark);
          }
        }
      }
      default -> received.add("UNEXPECTED:" + event);
    }
  }

  // ---- observations ----

  public synchronized int receivedMedia() {
    return receivedMedia;
  }

  public synchronized long firstMediaNanos() {
    return firstMediaNanos;
  }

  public synchronized long startSentNanos() {
    return startSentNanos;
  }

  public synchronized List<String> received() {
    return List.copyOf(received);
  }

  public synchronized List<String> marksEchoed() {
    return List.copyOf(marksEchoed);
  }

  public synchronized int clears() {
    return clearTicks.size();
  }

  /** Every mark echoed so far, in order, with where this peer's playback and media stood. */
  public synchronized List<MarkEcho> markEchoes() {
    return List.copyOf(markEchoes);
  }

  /** Audio frames played before each clear. */
  public synchronized List<Integer> clearPlayedFrames() {
    return List.copyOf(clearPlayedFrames);
  }

  public synchronized List<Long> clearNanos() {
    return List.copyOf(clearNanos);
  }

  /** When the media frame of tick {@code t} was sent. */
  public synchronized long tickNanos(int t) {
    return tickNanos[t];
  }

  public synchronized long ticks() {
    return tick;
  }

  public synchronized int playedAudioFrames() {
    return playedAudioFrames;
  }

  public synchronized int buffered() {
    return buffer.size();
  }

  /** What Twilio played so far, as 16-bit PCM at 8 kHz (silence where nothing played). */
  public synchronized short[] played() {
    return java.util.Arrays.copyOf(played, (int) tick * 160);
  }

  /** Polls {@code condition} until it holds or {@code timeoutMs} passes. */
  public static boolean await(BooleanSupplier condition, long timeoutMs)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMs * 1_000_000;
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    stopMedia();
    if (channel != null) {
      channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private static byte[] silence() {
    byte[] b = new byte[160];
    java.util.Arrays.fill(b, (byte) 0xFF);
    return b;
  }

  private final class Handler extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker hs;
    private final CompletableFuture<Void> handshook;

    Handler(WebSocketClientHandshaker hs, CompletableFuture<Void> handshook) {
      this.hs = hs;
      this.handshook = handshook;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      if (!hs.isHandshakeComplete()) {
        FullHttpResponse res = (FullHttpResponse) msg;
        try {
          hs.finishHandshake(ctx.channel(), res);
          handshook.complete(null);
        } catch (WebSocketHandshakeException e) {
          httpStatus.complete(res.status().code());
          handshook.completeExceptionally(e);
        }
        return;
      }
      if (msg instanceof TextWebSocketFrame t) {
        onServerText(t.content().toString(StandardCharsets.UTF_8));
      } else if (msg instanceof CloseWebSocketFrame c) {
        closeStatus.complete(c.statusCode());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closeStatus.complete(1006);
      handshook.completeExceptionally(new IllegalStateException("closed"));
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      handshook.completeExceptionally(cause);
      ctx.close();
    }
  }
}
