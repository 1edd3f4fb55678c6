package dev.parley.media.speech.deepgram;

import dev.parley.media.speech.fake.FakeProviderServer;
import dev.parley.media.speech.fake.FakeProviderServer.Conn;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;

/** Both Deepgram endpoints on one fake server, as on the real host: by path. */
public final class FakeDeepgram implements FakeProviderServer.Behaviour {

  private final FakeDeepgramListen listen;
  private final FakeDeepgramSpeak speak;

  public FakeDeepgram(FakeDeepgramListen listen, FakeDeepgramSpeak speak) {
    this.listen = listen;
    this.speak = speak;
  }

  private FakeProviderServer.Behaviour of(String uri) {
    return uri.startsWith("/v1/speak") ? speak : listen;
  }

  @Override
  public FullHttpResponse refuse(FullHttpRequest upgrade) {
    return of(upgrade.uri()).refuse(upgrade);
  }

  @Override
  public void opened(Conn c) {
    of(c.uri().toString()).opened(c);
  }

  @Override
  public void text(Conn c, String text) {
    of(c.uri().toString()).text(c, text);
  }

  @Override
  public void binary(Conn c, byte[] data) {
    of(c.uri().toString()).binary(c, data);
  }
}
