package dev.parley.media.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local stand-in for the OpenAI Realtime API (GA interface) over a real WebSocket: checks the
 * upgrade's path, {@code model} query parameter and bearer key (401 otherwise), sends {@code
 * session.created}, answers {@code session.update} with {@code session.updated} and {@code
 * response.cancel} with a cancelled {@code response.done} (or the documented error when nothing is
 * running), records every client event and the μ-law appended, and sends whatever server events a
 * test scripts (speech events, audio deltas, transcripts, function calls, errors) or drops the
 * connection mid-stream.
 */
public final class FakeRealtimeServer implements AutoCloseable {

  public static final String KEY = "sk-test-realtime";
  public static final String MODEL = "gpt-realtime-test";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  private final List<JsonNode> received = new ArrayList<>();
  private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
  private final List<String> authorizations = new ArrayList<>();
  private volatile Channel client;
  private volatile Consumer<JsonNode> onClientEvent = e -> {};
  private volatile String activeResponse;
  private volatile boolean answerSessionUpdate = true;
  private final java.util.concurrent.atomic.AtomicInteger eventCounter =
      new java.util.concurrent.atomic.AtomicInteger();

  public FakeRealtimeServer() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new UpgradeGate())
                        .addLast(
                            new WebSocketServerProtocolHandler(
                                "/v1/realtime", null, false, 1 << 20, false, true))
                        .addLast(new WebSocketFrameAggregator(1 << 20))
                        .addLast(new Events());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  /** The base URL to configure the client with. */
  public String baseUrl() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** A client configuration for this server with {@code key}. */
  public RealtimeConfig config(String key) {
    return new RealtimeConfig(
        key,
        baseUrl(),
        MODEL,
        "cedar",
        "gpt-4o-mini-transcribe",
        RealtimeConfig.DEFAULT_MAX_EVENT_BYTES);
  }

  public RealtimeConfig config() {
    return config(KEY);
  }

  /** Whether {@code session.update} is answered (off: a test sends an error instead). */
  public void answerSessionUpdate(boolean on) {
    answerSessionUpdate = on;
  }

  /** Runs {@code action} on every client event as it arrives (on the server's loop). */
  public void onClientEvent(Consumer<JsonNode> action) {
    onClientEvent = action;
  }

  public boolean connected() {
    Channel c = client;
    return c != null && c.isActive();
  }

  // ---- what the client sent ----------------------------------------------------------------

  public List<JsonNode> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  public List<JsonNode> received(String type) {
    return received().stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  /** Waits for a client event of {@code type} matching {@code filter}. */
  public JsonNode await(String type, Predicate<JsonNode> filter, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (JsonNode e : received(type)) {
        if (filter.test(e)) {
          return e;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no client event " + type + " within " + timeout + "; got " + types());
  }

  public JsonNode await(String type, Duration timeout) throws InterruptedException {
    return await(type, e -> true, timeout);
  }

  private List<String> types() {
    return received().stream().map(e -> e.path("type").asText()).toList();
  }

  /** Every μ-law byte appended so far, decoded from the append events. */
  public byte[] audio() {
    synchronized (audio) {
      return audio.toByteArray();
    }
  }

  public List<String> authorizations() {
    synchronized (authorizations) {
      return List.copyOf(authorizations);
    }
  }

  // ---- scripted server events --------------------------------------------------------------

  /** Sends one server event; an {@code event_id} is added. */
  public void send(ObjectNode event) {
    event.put("event_id", "event_" + eventCounter.incrementAndGet());
    Channel c = client;
    if (c == null) {
      return;
    }
    if (c.eventLoop().inEventLoop()) {
      c.writeAndFlush(new TextWebSocketFrame(event.toString()));
    } else {
      c.writeAndFlush(new TextWebSocketFrame(event.toString())).syncUninterruptibly();
    }
  }

  /** Sends raw text as one message (for malformed input). */
  public void sendRaw(String text) {
    client.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
  }

  public static ObjectNode event(String type) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", type);
    return e;
  }

  public void speechStarted(String itemId, int audioStartMs) {
    send(
        event("input_audio_buffer.speech_started")
            .put("item_id", itemId)
            .put("audio_start_ms", audioStartMs));
  }

  public void speechStopped(String itemId, int audioEndMs) {
    send(
        event("input_audio_buffer.speech_stopped")
            .put("item_id", itemId)
            .put("audio_end_ms", audioEndMs));
  }

  public void inputTranscript(String itemId, String text) {
    ObjectNode e =
        event("conversation.item.input_audio_transcription.completed")
            .put("item_id", itemId)
            .put("content_index", 0)
            .put("transcript", text);
    e.putObject("usage").put("type", "duration").put("seconds", 1.2);
    send(e);
  }

  public void responseCreated(String responseId) {
    activeResponse = responseId;
    ObjectNode e = event("response.created");
    e.putObject("response")
        .put("id", responseId)
        .put("object", "realtime.response")
        .put("status", "in_progress");
    send(e);
  }

  public void outputItemAdded(String responseId, String itemId, String type, String name) {
    ObjectNode e =
        event("response.output_item.added").put("response_id", responseId).put("output_index", 0);
    ObjectNode item =
        e.putObject("item").put("id", itemId).put("object", "realtime.item").put("type", type);
    if (name != null) {
      item.put("name", name).put("call_id", "call_" + itemId);
    } else {
      item.put("role", "assistant");
    }
    send(e);
  }

  /** Audio deltas of {@code mulaw} in chunks of {@code chunkBytes}. */
  public void audioDeltas(String responseId, String itemId, byte[] mulaw, int chunkBytes) {
    for (int off = 0; off < mulaw.length; off += chunkBytes) {
      int n = Math.min(chunkBytes, mulaw.length - off);
      byte[] part = java.util.Arrays.copyOfRange(mulaw, off, off + n);
      send(
          event("response.output_audio.delta")
              .put("response_id", responseId)
              .put("item_id", itemId)
              .put("output_index", 0)
              .put("content_index", 0)
              .put("delta", Base64.getEncoder().encodeToString(part)));
    }
  }

  public void audioDone(String responseId, String itemId) {
    send(
        event("response.output_audio.done")
            .put("response_id", responseId)
            .put("item_id", itemId)
            .put("output_index", 0)
            .put("content_index", 0));
  }

  public void transcriptDelta(String responseId, String itemId, String delta) {
    send(
        event("response.output_audio_transcript.delta")
            .put("response_id", responseId)
            .put("item_id", itemId)
            .put("output_index", 0)
            .put("content_index", 0)
            .put("delta", delta));
  }

  public void transcriptDone(String responseId, String itemId, String text) {
    send(
        event("response.output_audio_transcript.done")
            .put("response_id", responseId)
            .put("item_id", itemId)
            .put("output_index", 0)
            .put("content_index", 0)
            .put("transcript", text));
  }

  public void functionCall(
      String responseId, String itemId, String callId, String name, String args) {
    outputItemAdded(responseId, itemId, "function_call", name);
    send(
        event("response.function_call_arguments.done")
            .put("response_id", responseId)
            .put("item_id", itemId)
            .put("output_index", 1)
            .put("call_id", callId)
            .put("arguments", args));
  }

  public void responseDone(String responseId, String status) {
    if (responseId.equals(activeResponse)) {
      activeResponse = null;
    }
    ObjectNode e = event("response.done");
    e.putObject("response")
        .put("id", responseId)
        .put("object", "realtime.response")
        .put("status", status);
    send(e);
  }

  /** A whole spoken response: created, item, audio deltas of 100 ms, transcript, done. */
  public void speak(String responseId, String itemId, byte[] mulaw, String transcript) {
    responseCreated(responseId);
    outputItemAdded(responseId, itemId, "message", null);
    audioDeltas(responseId, itemId, mulaw, 800);
    audioDone(responseId, itemId);
    transcriptDone(responseId, itemId, transcript);
    responseDone(responseId, "completed");
  }

  public void error(String type, String code, String message) {
    ObjectNode e = event("error");
    e.putObject("error").put("type", type).put("code", code).put("message", message);
    send(e);
  }

  public void rateLimits() {
    ObjectNode e = event("rate_limits.updated");
    e.putArray("rate_limits")
        .addObject()
        .put("name", "tokens")
        .put("limit", 1000)
        .put("remaining", 900)
        .put("reset_seconds", 1.5);
    send(e);
  }

  /** Closes the TCP connection without a close frame: a dropped connection. */
  public void dropConnection() {
    Channel c = client;
    if (c != null) {
      // Without the protocol handler nothing sends a close frame on the way out.
      c.eventLoop()
          .submit(
              () -> {
                c.pipeline().remove(WebSocketServerProtocolHandler.class);
                c.close();
              })
          .syncUninterruptibly();
      c.closeFuture().syncUninterruptibly();
    }
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    Channel c = client;
    if (c != null) {
      c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  // ---- the server side ---------------------------------------------------------------------

  /** Refuses upgrades with the wrong path, model or key, as the real endpoint does (401). */
  private final class UpgradeGate extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof FullHttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        synchronized (authorizations) {
          authorizations.add(auth);
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        boolean ok =
            q.path().equals("/v1/realtime")
                && List.of(MODEL).equals(q.parameters().get("model"))
                && auth.equals("Bearer " + KEY);
        if (!ok) {
          ReferenceCountUtil.release(req);
          byte[] body =
              "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"message\":\"Incorrect API key provided\"}}"
                  .getBytes(StandardCharsets.UTF_8);
          DefaultFullHttpResponse res =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1,
                  HttpResponseStatus.UNAUTHORIZED,
                  Unpooled.wrappedBuffer(body));
          res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
          res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
          ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
          return;
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  private final class Events extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        client = ctx.channel();
        ObjectNode e = event("session.created");
        e.putObject("session")
            .put("id", "sess_fake")
            .put("object", "realtime.session")
            .put("type", "realtime");
        send(e);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
      if (!(frame instanceof TextWebSocketFrame text)) {
        return;
      }
      JsonNode e = JSON.readTree(ByteBufUtil.getBytes(text.content()));
      String type = e.path("type").asText();
      if (type.equals("input_audio_buffer.append")) {
        byte[] b = Base64.getDecoder().decode(e.path("audio").asText());
        synchronized (audio) {
          audio.write(b, 0, b.length);
        }
      }
      synchronized (received) {
        received.add(e);
      }
      if (type.equals("session.update") && answerSessionUpdate) {
        ObjectNode u = event("session.updated");
        u.set("session", e.path("session"));
        send(u);
      } else if (type.equals("response.cancel")) {
        String id = activeResponse;
        if (id != null && id.equals(e.path("response_id").asText())) {
          responseDone(id, "cancelled");
        } else {
          error(
              "invalid_request_error",
              "response_cancel_not_active",
              "Cancellation failed: no active response found");
        }
      }
      onClientEvent.accept(e);
    }
  }
}
