package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.SessionError;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** toString() shows what helps debugging, never prompts, outputs, data URLs or provider answers. */
class ToStringTest {

  @Test
  void promptsAndFilesStayOutOfToString() {
    PromptBody body = PromptBody.builder().model(ModelRef.parse("mock/mock-normal"))
        .addParts(PromptPart.text("my password is hunter2"))
        .addParts(PromptPart.file("image/png", "data:image/png;base64,SECRETBYTES", "x.png"))
        .addParts(PromptPart.subtask("use token abc123", "d", "general"))
        .build();
    String shown = body.toString();
    assertFalse(shown.contains("hunter2"), shown);
    assertFalse(shown.contains("SECRETBYTES"), shown);
    assertFalse(shown.contains("abc123"), shown);
    assertTrue(shown.contains("mock/mock-normal"), shown);
  }

  @Test
  void providerErrorsShowNameStatusAndMessageOnly() {
    List<OpenCodeEvent> events = Captures.events("18_provider_http_errors_event.raw");
    OpenCodeError error = events.stream().filter(e -> e instanceof SessionError).map(SessionError.class::cast)
        .findFirst().orElseThrow().error().orElseThrow();
    String shown = error.toString();
    assertTrue(shown.contains("APIError 401: mock error 401"), shown);
    assertFalse(shown.contains("content-type"), "response headers: " + shown);
    assertFalse(shown.contains("mock_error"), "response body: " + shown);
  }

  @Test
  void eventsAndRepliesShowSizesNotText() {
    String capture = "01_event_prompt_sync_nested.raw";
    List<OpenCodeEvent> events = Captures.events(capture);
    ReplyAccumulator accumulator = ReplyAccumulator.forSession(events.get(1).sessionID().orElseThrow());
    List<ReplyDelta> deltas = new ArrayList<>();
    accumulator.onDelta(deltas::add);
    events.forEach(accumulator::accept);
    String reply = accumulator.reply().toString();
    assertFalse(reply.contains("Hello from mock"), reply);
    assertTrue(reply.contains("16 chars"), reply);
    assertFalse(deltas.get(0).toString().contains("Hello"), deltas.get(0).toString());
    for (OpenCodeEvent event : events) {
      assertFalse(event.toString().contains("Say hello"), event.toString());
      assertFalse(event.toString().contains("Hello from mock"), event.toString());
      assertTrue(event.toString().contains(event.id()), event.toString());
    }
  }
}
