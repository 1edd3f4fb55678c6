package dev.parley.media.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.realtime.RealtimeServerEvent.AudioDelta;
import dev.parley.media.realtime.RealtimeServerEvent.AudioTranscriptDone;
import dev.parley.media.realtime.RealtimeServerEvent.Error;
import dev.parley.media.realtime.RealtimeServerEvent.FunctionCallDone;
import dev.parley.media.realtime.RealtimeServerEvent.Ignored;
import dev.parley.media.realtime.RealtimeServerEvent.InputTranscript;
import dev.parley.media.realtime.RealtimeServerEvent.OutputItemAdded;
import dev.parley.media.realtime.RealtimeServerEvent.ResponseDone;
import dev.parley.media.realtime.RealtimeServerEvent.SpeechStarted;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Server events as documented (GA interface), and the reader's one error funnel. */
class RealtimeEventReaderTest {

  private final RealtimeEventReader reader = new RealtimeEventReader(4096);

  @Test
  void readsTheEventsACallActsOn() {
    assertThat(
            reader.read(
                "{\"event_id\":\"e1\",\"type\":\"input_audio_buffer.speech_started\","
                    + "\"audio_start_ms\":1020,\"item_id\":\"item_1\"}"))
        .isEqualTo(new SpeechStarted("item_1", 1020));
    assertThat(
            reader.read(
                "{\"type\":\"conversation.item.input_audio_transcription.completed\","
                    + "\"item_id\":\"item_1\",\"content_index\":0,\"transcript\":\"Hi there\","
                    + "\"usage\":{\"type\":\"duration\",\"seconds\":1.1}}"))
        .isEqualTo(new InputTranscript("item_1", "Hi there"));
    // "/w==" is the base64 of the single byte 0xFF (μ-law silence).
    AudioDelta d =
        (AudioDelta)
            reader.read(
                "{\"type\":\"response.output_audio.delta\",\"response_id\":\"resp_1\","
                    + "\"item_id\":\"item_2\",\"output_index\":0,\"content_index\":0,"
                    + "\"delta\":\"/w==\"}");
    assertThat(d.responseId()).isEqualTo("resp_1");
    assertThat(d.mulaw()).containsExactly((byte) 0xFF);
    assertThat(
            reader.read(
                "{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"r\","
                    + "\"item_id\":\"item_2\",\"output_index\":0,\"content_index\":0,"
                    + "\"transcript\":\"Sure.\"}"))
        .isEqualTo(new AudioTranscriptDone("item_2", "Sure."));
    assertThat(
            reader.read(
                "{\"type\":\"response.output_item.added\",\"response_id\":\"r\",\"output_index\":1,"
                    + "\"item\":{\"id\":\"item_3\",\"type\":\"function_call\",\"name\":\"hang_up\","
                    + "\"call_id\":\"call_1\",\"arguments\":\"\"}}"))
        .isEqualTo(new OutputItemAdded("r", "item_3", "function_call", "hang_up"));
    assertThat(
            reader.read(
                "{\"type\":\"response.function_call_arguments.done\",\"response_id\":\"r\","
                    + "\"item_id\":\"item_3\",\"output_index\":1,\"call_id\":\"call_1\","
                    + "\"arguments\":\"{\\\"reason\\\":\\\"completed\\\"}\"}"))
        .isEqualTo(new FunctionCallDone("r", "item_3", "call_1", "{\"reason\":\"completed\"}"));
    assertThat(
            reader.read(
                "{\"type\":\"response.done\",\"response\":{\"id\":\"r\",\"status\":\"cancelled\"}}"))
        .isEqualTo(new ResponseDone("r", "cancelled"));
    assertThat(
            reader.read(
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"code\":\"response_cancel_not_active\",\"message\":\"no active response\","
                    + "\"param\":null,\"event_id\":\"client_9\"}}"))
        .isEqualTo(
            new Error(
                "invalid_request_error",
                "response_cancel_not_active",
                "no active response",
                "client_9"));
    assertThat(reader.read("{\"type\":\"conversation.item.added\",\"item\":{}}"))
        .isEqualTo(new Ignored("conversation.item.added"));
  }

  @Test
  void readsAtAnOffset() {
    byte[] json =
        "xx{\"type\":\"input_audio_buffer.speech_stopped\",\"audio_end_ms\":5,\"item_id\":\"i\"}yy"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(reader.read(json, 2, json.length - 4))
        .isEqualTo(new RealtimeServerEvent.SpeechStopped("i", 5));
  }

  @Test
  void everyViolationIsOneTypedErrorWithASpecificReason() {
    assertThatThrownBy(() -> reader.read("not json"))
        .isInstanceOf(RealtimeProtocolException.class)
        .hasMessageStartingWith("server event is not JSON");
    assertThatThrownBy(() -> reader.read("[1,2]"))
        .isInstanceOf(RealtimeProtocolException.class)
        .hasMessage("server event is not a JSON object");
    assertThatThrownBy(() -> reader.read("{\"event_id\":\"e\"}"))
        .isInstanceOf(RealtimeProtocolException.class)
        .hasMessage("event has no string field type");
    assertThatThrownBy(
            () -> reader.read("{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"i\"}"))
        .hasMessage("input_audio_buffer.speech_started has no non-negative integer audio_start_ms");
    assertThatThrownBy(
            () ->
                reader.read(
                    "{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":\"i\","
                        + "\"audio_start_ms\":-4}"))
        .hasMessage("input_audio_buffer.speech_started has no non-negative integer audio_start_ms");
    assertThatThrownBy(
            () ->
                reader.read(
                    "{\"type\":\"response.output_audio.delta\",\"response_id\":\"r\","
                        + "\"item_id\":\"i\",\"delta\":\"abc\"}"))
        .hasMessage("audio delta is not base64 (3 chars)");
    assertThatThrownBy(() -> reader.read("{\"type\":\"error\",\"error\":\"boom\"}"))
        .hasMessage("error event has no error object");
    String big = "{\"type\":\"x\",\"pad\":\"" + "a".repeat(5000) + "\"}";
    assertThatThrownBy(() -> reader.read(big))
        .hasMessage("server event is " + big.length() + " bytes, limit 4096");
  }
}
