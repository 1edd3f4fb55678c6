package dev.parley.emulator.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.emulator.call.CallRegistry;
import dev.parley.emulator.call.CallSnapshot;
import dev.parley.emulator.call.CallStatus;
import dev.parley.emulator.call.EmulatedCall;
import dev.parley.emulator.number.IncomingNumbers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATION ONLY: Twilio's Calls API (2010-04-01) over Netty HTTP.
 *
 * <pre>
 * POST /2010-04-01/Accounts/{AccountSid}/Calls.json             create  → 201 call
 * GET  /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json   fetch   → 200 call
 * POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json   update  → 200 call
 * DELETE same                                                    delete  → 204 (ended calls)
 * …/IncomingPhoneNumbers.json, …/IncomingPhoneNumbers/{PN…}.json  see {@link IncomingNumbersApi}
 * GET  /healthz                                                  200 ok
 * </pre>
 *
 * HTTP Basic auth with the account SID and auth token; errors are Twilio's JSON error bodies.
 */
@ChannelHandler.Sharable
public final class CallsApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Pattern CALLS =
      Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Calls\\.json");
  private static final Pattern CALL =
      Pattern.compile("/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Calls/(CA[0-9a-fA-F]{32})\\.json");

  private final String accountSid;
  private final byte[] expectedAuth;
  private final CallRegistry calls;
  private final CallResourceJson json = new CallResourceJson(new ObjectMapper());
  private final IncomingNumbersApi incomingNumbers;

  /**
   * A handler for {@code accountSid} authenticated by {@code authToken}, placing calls in {@code
   * calls} and configuring the account's {@code numbers}.
   */
  public CallsApiHandler(
      String accountSid, String authToken, CallRegistry calls, IncomingNumbers numbers) {
    this.incomingNumbers = new IncomingNumbersApi(accountSid, numbers, new ObjectMapper());
    this.accountSid = accountSid;
    this.expectedAuth =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.US_ASCII);
    this.calls = calls;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    String path = new QueryStringDecoder(req.uri()).path();
    if (path.equals("/healthz")) {
      respond(ctx, keepAlive, HttpResponseStatus.OK, "text/plain", "ok");
      return;
    }
    try {
      authenticate(req);
      route(req, path)
          .whenComplete(
              (result, error) -> {
                if (error == null) {
                  respond(ctx, keepAlive, result.status, "application/json", result.body);
                } else {
                  Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                  TwilioApiException api =
                      cause instanceof TwilioApiException t
                          ? t
                          : cause instanceof IllegalStateException
                              ? TwilioApiException.badRequest(21220, cause.getMessage())
                              : new TwilioApiException(500, 20500, "Internal server error");
                  respondError(ctx, keepAlive, api);
                }
              });
    } catch (TwilioApiException e) {
      respondError(ctx, keepAlive, e);
    }
  }

  private record Result(HttpResponseStatus status, String body) {}

  private CompletableFuture<Result> route(FullHttpRequest req, String path)
      throws TwilioApiException {
    Matcher numbers = IncomingNumbersApi.LIST.matcher(path);
    if (numbers.matches()) {
      checkAccount(numbers.group(1), path);
      var query = new QueryStringDecoder(req.uri()).parameters();
      return numbers(incomingNumbers.list(req.method(), query, form(req)));
    }
    Matcher number = IncomingNumbersApi.ONE.matcher(path);
    if (number.matches()) {
      checkAccount(number.group(1), path);
      return numbers(incomingNumbers.one(req.method(), number.group(2), path, form(req)));
    }
    Matcher list = CALLS.matcher(path);
    if (list.matches()) {
      checkAccount(list.group(1), path);
      if (!req.method().equals(HttpMethod.POST)) {
        throw new TwilioApiException(405, 20004, "Method not allowed");
      }
      EmulatedCall call = calls.create(CallRequestParser.parse(form(req)));
      return done(HttpResponseStatus.CREATED, call.snapshot());
    }
    Matcher one = CALL.matcher(path);
    if (!one.matches()) {
      throw TwilioApiException.notFound(path);
    }
    checkAccount(one.group(1), path);
    EmulatedCall call =
        calls.find(one.group(2)).orElseThrow(() -> TwilioApiException.notFound(path));
    if (req.method().equals(HttpMethod.GET)) {
      return done(HttpResponseStatus.OK, call.snapshot());
    }
    if (req.method().equals(HttpMethod.DELETE)) {
      if (!calls.remove(call.sid())) {
        throw TwilioApiException.badRequest(20009, "Cannot delete a call that is in progress");
      }
      return CompletableFuture.completedFuture(new Result(HttpResponseStatus.NO_CONTENT, ""));
    }
    if (!req.method().equals(HttpMethod.POST)) {
      throw new TwilioApiException(405, 20004, "Method not allowed");
    }
    return update(call, form(req));
  }

  private CompletableFuture<Result> update(EmulatedCall call, Map<String, List<String>> form)
      throws TwilioApiException {
    Optional<String> status = CallRequestParser.single(form, "Status");
    Optional<String> url = CallRequestParser.single(form, "Url");
    Optional<String> twiml = CallRequestParser.single(form, "Twiml");
    if (url.isPresent()) {
      CallRequestParser.requireHttpUrl(url.get(), "Url", 21205);
    }
    String method = CallRequestParser.method(form, "Method");
    CompletableFuture<CallSnapshot> updated;
    if (status.isPresent()) {
      CallStatus requested =
          switch (status.get()) {
            case "completed" -> CallStatus.COMPLETED;
            case "canceled" -> CallStatus.CANCELED;
            default ->
                throw TwilioApiException.badRequest(
                    21218, "Invalid Status '" + status.get() + "': use completed or canceled");
          };
      updated = call.hangUp(requested);
    } else if (url.isPresent() || twiml.isPresent()) {
      updated = call.redirect(url, method, twiml);
    } else {
      updated = CompletableFuture.completedFuture(call.snapshot());
    }
    return updated.thenApply(s -> new Result(HttpResponseStatus.OK, json.render(s)));
  }

  private static CompletableFuture<Result> numbers(IncomingNumbersApi.Result r) {
    return CompletableFuture.completedFuture(new Result(r.status(), r.body()));
  }

  private CompletableFuture<Result> done(HttpResponseStatus status, CallSnapshot snapshot) {
    return CompletableFuture.completedFuture(new Result(status, json.render(snapshot)));
  }

  private void authenticate(FullHttpRequest req) throws TwilioApiException {
    String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null
        || !MessageDigest.isEqual(header.getBytes(StandardCharsets.US_ASCII), expectedAuth)) {
      throw new TwilioApiException(401, 20003, "Authenticate");
    }
  }

  private void checkAccount(String pathAccount, String path) throws TwilioApiException {
    if (!pathAccount.equals(accountSid)) {
      throw TwilioApiException.notFound(path);
    }
  }

  private static Map<String, List<String>> form(FullHttpRequest req) {
    String body = req.content().toString(StandardCharsets.UTF_8);
    return new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
  }

  private void respondError(ChannelHandlerContext ctx, boolean keepAlive, TwilioApiException e) {
    respond(
        ctx,
        keepAlive,
        HttpResponseStatus.valueOf(e.httpStatus),
        "application/json",
        json.error(e));
  }

  private static void respond(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      HttpResponseStatus status,
      String contentType,
      String body) {
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType + "; charset=utf-8");
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
