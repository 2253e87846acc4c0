package io.github.ssekit.openai.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Dispatch on the payload type, generic events, error shapes. */
class ResponsesModelTest {

  private static DecodeOutcome<ResponsesEvent> decode(String name, String data) {
    return ResponsesProtocol.lenient().decode(new SseEvent(name, data, ""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "response.created, ResponseLifecycleEvent",
      "response.queued, ResponseLifecycleEvent",
      "response.in_progress, ResponseLifecycleEvent",
      "response.completed, ResponseLifecycleEvent",
      "response.incomplete, ResponseLifecycleEvent",
      "response.failed, ResponseLifecycleEvent",
      "response.output_item.added, OutputItemEvent",
      "response.output_item.done, OutputItemEvent",
      "response.content_part.added, ContentPartEvent",
      "response.reasoning_summary_part.done, ContentPartEvent",
      "response.output_text.delta, OutputTextEvent",
      "response.output_text.done, OutputTextEvent",
      "response.refusal.delta, RefusalEvent",
      "response.function_call_arguments.done, FunctionCallArgumentsEvent",
      "response.reasoning_summary_text.delta, ReasoningEvent",
      "response.reasoning_text.done, ReasoningEvent",
      "response.web_search_call.searching, GenericResponsesEvent",
      "response.output_text.annotation.added, GenericResponsesEvent",
      "response.brand_new_thing, GenericResponsesEvent"})
  void thePayloadTypeChoosesTheEventClass(String type, String className) {
    DecodeOutcome<ResponsesEvent> outcome = decode(type, "{\"type\":\"" + type + "\",\"sequence_number\":4}");
    ResponsesEvent event = outcome.value().orElseThrow();
    assertEquals(className, event.getClass().getSimpleName().replace("Immutable", ""));
    assertEquals(type, event.type());
    assertEquals(Optional.of(4L), event.sequenceNumber());
    assertEquals(0, outcome.diagnostics().size());
  }

  @Test
  void aGenericEventKeepsEveryMember() {
    ResponsesEvent event = decode("response.mcp_call.in_progress",
        "{\"type\":\"response.mcp_call.in_progress\",\"output_index\":2,\"item_id\":\"mcp_1\",\"x\":{\"y\":[1]}}")
        .value().orElseThrow();
    assertInstanceOf(GenericResponsesEvent.class, event);
    assertEquals(2, event.extra().get("output_index").asInt());
    assertEquals("mcp_1", event.extra().get("item_id").asText());
    assertEquals(1, event.extra().get("x").get("y").get(0).asInt());
  }

  @Test
  void flatAndNestedErrorsCarryCodeAndMessage() {
    ProviderStreamException flat = (ProviderStreamException) decode("error",
        "{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"boom\",\"param\":null}").error().orElseThrow();
    assertEquals("boom", flat.providerMessage());
    assertEquals(Optional.of("server_error"), flat.code());
    assertEquals(Optional.empty(), flat.type());

    ProviderStreamException nested = (ProviderStreamException) decode("error",
        "{\"type\":\"error\",\"sequence_number\":2,\"error\":{\"type\":\"insufficient_quota\","
            + "\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\",\"param\":null}}")
        .error().orElseThrow();
    assertEquals("You exceeded your current quota", nested.providerMessage());
    assertEquals(Optional.of("insufficient_quota"), nested.type());
  }

  @Test
  void lifecycleEventsExposeTheResponse() {
    ResponseLifecycleEvent event = (ResponseLifecycleEvent) decode("response.incomplete",
        "{\"type\":\"response.incomplete\",\"response\":{\"id\":\"resp_1\",\"status\":\"incomplete\","
            + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":1,"
            + "\"output_tokens\":2,\"total_tokens\":3,\"input_tokens_details\":{\"cached_tokens\":1},"
            + "\"output_tokens_details\":{\"reasoning_tokens\":2}},\"service_tier\":\"default\"}}")
        .value().orElseThrow();
    assertTrue(event.isTerminal());
    ResponseObject response = event.response().orElseThrow();
    assertEquals(Optional.of("max_output_tokens"), response.incompleteReason());
    assertEquals(Optional.of(1L), response.usage().orElseThrow().cachedTokens());
    assertEquals(Optional.of(2L), response.usage().orElseThrow().reasoningTokens());
    assertEquals("default", response.extra().get("service_tier").asText());
  }

  @Test
  void theProtocolConsumesResponseEventsErrorsAndUnnamedEvents() {
    ResponsesProtocol protocol = ResponsesProtocol.lenient();
    assertTrue(protocol.consumes("response.output_text.delta"));
    assertTrue(protocol.consumes("error"));
    assertTrue(protocol.consumes("message"));
    assertFalse(protocol.consumes("ping"));
    assertFalse(protocol.consumes("thread.run.created"));
  }

  @Test
  void textDeltaIsTheOutputTextFragmentOrEmpty() {
    assertEquals("Hel", decode("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
        + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}").value().orElseThrow().textDelta());
    assertEquals("", decode("response.output_text.done", "{\"type\":\"response.output_text.done\","
        + "\"output_index\":0,\"content_index\":0,\"text\":\"Hello\"}").value().orElseThrow().textDelta(),
        "the full text of .done is no fragment");
    assertEquals("", decode("response.reasoning_summary_text.delta", "{\"type\":"
        + "\"response.reasoning_summary_text.delta\",\"output_index\":0,\"delta\":\"hm\"}").value().orElseThrow()
        .textDelta(), "reasoning is not the text");
  }
}
