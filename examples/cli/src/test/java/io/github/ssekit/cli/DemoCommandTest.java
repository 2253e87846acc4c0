package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  private static final String DEMO_TEXT =
      "Hello! ssekit streams this reply token by token, even though the provider bends the protocol.";

  @Test
  void streamsTheDemoReplyThenPrintsTheMessageAndTheDiagnostics() {
    Run run = SseDumpCommandTest.run(new byte[0], "demo");
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.err());
    var lines = run.lines();
    // streamed, in order: reasoning, the named event as a side line, the text, the tool-call arguments
    int reasoning = lines.indexOf("[reasoning] The user wants a greeting and the weather.");
    int content = lines.indexOf("[content] " + DEMO_TEXT);
    int arguments = lines.indexOf("[tool call 0 arguments] {\"city\":\"Paris\"}");
    int event = indexOfPrefix(lines, "   ~ ignored an event of type 'hermes.tool.progress'");
    assertTrue(reasoning >= 0 && reasoning < event && event < content && content < arguments, run.out());
    assertTrue(lines.get(event).endsWith("{\"tool\":\"search\",\"status\":\"running\",\"message\":\"looking up\"}"),
        lines.get(event));

    // assembled
    assertTrue(lines.contains("role:          assistant"), run.out());
    assertTrue(lines.contains("content:       " + DEMO_TEXT), run.out());
    assertTrue(lines.contains("tool call:     call_demo_1 get_weather({\"city\":\"Paris\"})"), run.out());
    assertTrue(lines.contains("finish reason: tool_calls"), run.out());
    assertTrue(lines.contains("usage:         prompt 11, completion 3, total 14 tokens"), run.out());
    assertTrue(lines.contains("truncated:     false"), run.out());

    // diagnostics: one per empty role, one for the named event; nothing else
    int header = lines.indexOf("== diagnostics: 16 deviations tolerated, none fatal ==");
    assertTrue(header > content, run.out());
    assertEquals(2, lines.size() - header - 1, run.out());
    assertTrue(lines.get(header + 1).startsWith("sse.ignored-event (x1): "), run.out());
    assertTrue(lines.get(header + 2).startsWith("openai.empty-role (x15): "), run.out());
  }

  @Test
  void theAnthropicDemoStreamsNamedEventsThenPrintsTheMessage() {
    Run run = SseDumpCommandTest.run(new byte[0], "demo", "--protocol", "anthropic", "--delay", "0");
    assertEquals(0, run.status(), run.err());
    assertEquals("", run.err());
    var lines = run.lines();
    assertTrue(lines.contains("> POST /v1/messages  model=mock-demo  stream=true"), run.out());
    int thinking = lines.indexOf("[thinking] A greeting, then the weather.");
    int text = lines.indexOf("[text] Hello! ssekit streams this Anthropic reply event by event.");
    int event = indexOfPrefix(lines, "   ~ ignored an event of type 'vendor.progress'");
    int input = lines.indexOf("[tool input] {\"city\":\"Paris\"}");
    assertTrue(thinking >= 0 && thinking < text && text < event && event < input, run.out());

    assertTrue(lines.contains("role:          assistant"), run.out());
    assertTrue(lines.contains("thinking:      A greeting, then the weather.  (signed: true)"), run.out());
    assertTrue(lines.contains("text:          Hello! ssekit streams this Anthropic reply event by event."), run.out());
    assertTrue(lines.contains("tool use:      toolu_demo_1 get_weather({\"city\":\"Paris\"})"), run.out());
    assertTrue(lines.contains("stop reason:   tool_use"), run.out());
    assertTrue(lines.contains("usage:         input 12, output 30 tokens"), run.out());
    assertTrue(lines.contains("message_stop:  received"), run.out());
    assertTrue(lines.contains("truncated:     false"), run.out());
    int header = lines.indexOf("== diagnostics: 1 codes ==");
    assertTrue(header > input, run.out());
    assertTrue(lines.get(header + 1).startsWith("sse.ignored-event (x1): "), run.out());
  }

  @Test
  void aNegativeDelayIsAUsageError() {
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "demo", "--delay", "-1").status());
  }

  private static int indexOfPrefix(java.util.List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
