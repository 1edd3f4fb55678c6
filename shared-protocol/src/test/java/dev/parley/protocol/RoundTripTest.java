package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  private final ProtocolEncoder encoder = new ProtocolEncoder();

  @Test
  void samplesCoverEveryMessageType() {
    Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
    Samples.all().forEach(m -> seen.add(m.type()));
    assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
  }

  @Test
  void everySampleSurvivesEncodeThenDecode() {
    ByteBuf buf = Unpooled.buffer();
    try {
      for (ProtocolMessage m : Samples.all()) {
        encoder.encode(m, buf);
      }
      List<ProtocolMessage> out = new ArrayList<>();
      ProtocolDecoder decoder = new ProtocolDecoder();
      decoder.decode(buf, out);
      decoder.close();
      assertThat(out).containsExactlyElementsOf(Samples.all());
      assertThat(buf.isReadable()).isFalse();
    } finally {
      buf.release();
    }
  }
}
