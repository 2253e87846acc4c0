package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenCodeCommandTest {
  FakeOpenCode server;

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpenCode();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void createsASessionStreamsTheTextAndExitsAtIdle() {
    server.turnScript = session -> FakeOpenCode.turn(session, List.of("Hello", " wörld"));
    Run run = SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "mock/mock-normal",
        "--directory", "/tmp/p", "Say", "hello");
    assertEquals(0, run.status(), run.err());
    assertEquals("Hello wörld\n", run.out());
    assertEquals("", run.err());
    // the session first, then the subscription, and the prompt only once the stream is connected and the session
    // is known not to be busy
    assertEquals(List.of("POST /session?directory=%2Ftmp%2Fp", "GET /event?directory=%2Ftmp%2Fp",
        "GET /session/status?directory=%2Ftmp%2Fp", "POST /session/ses_cli/prompt_async?directory=%2Ftmp%2Fp"),
        server.requests);
    JsonObject prompt = new JsonObject(server.bodies.get(server.requests.indexOf(
        "POST /session/ses_cli/prompt_async?directory=%2Ftmp%2Fp")));
    assertEquals(new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"), prompt.getJsonObject("model"));
    assertEquals("Say hello", prompt.getJsonArray("parts").getJsonObject(0).getString("text"));
  }

  @Test
  void jsonPrintsTheReplyAtTheEndAndAGivenSessionIsUsed() {
    server.turnScript = session -> FakeOpenCode.turn(session, List.of("Hi"));
    Run run = SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "mock/mock-normal",
        "--session", "ses_given", "--json", "hello");
    assertEquals(0, run.status(), run.err());
    assertEquals(1, run.lines().size(), run.out());
    JsonObject json = new JsonObject(run.lines().get(0));
    assertEquals(List.of("sessionId", "messageId", "text", "reasoning", "model", "tokens", "error"),
        List.copyOf(json.fieldNames()));
    assertEquals("ses_given", json.getString("sessionId"));
    assertEquals("msg_a1", json.getString("messageId"));
    assertEquals("Hi", json.getString("text"));
    assertEquals("", json.getString("reasoning"));
    assertEquals(new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"), json.getJsonObject("model"));
    assertEquals(11, json.getJsonObject("tokens").getInteger("input"));
    assertEquals(3, json.getJsonObject("tokens").getInteger("output"));
    assertEquals(14, json.getJsonObject("tokens").getInteger("total"));
    assertTrue(json.containsKey("error") && json.getValue("error") == null);
    assertTrue(server.requests.stream().noneMatch(r -> r.startsWith("POST /session?") || r.equals("POST /session")),
        server.requests.toString());
  }

  @Test
  void aFailedTurnExitsWithOneAndSaysWhyOnStderr() {
    server.turnScript = FakeOpenCode::failedTurn;
    Run run = SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "mock/mock-http401",
        "--json", "fail");
    assertEquals(1, run.status());
    JsonObject error = new JsonObject(run.lines().get(0)).getJsonObject("error");
    assertEquals("APIError", error.getString("name"));
    assertEquals(401, error.getInteger("statusCode"));
    assertTrue(run.err().contains("the turn failed: APIError 401: mock error 401"), run.err());
  }

  @Test
  void aRefusedStreamOrAnUnreachableServerExitsWithOne() {
    server.eventStatus = 401;
    Run refused = SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "mock/m",
        "--session", "ses_x", "hi");
    assertEquals(1, refused.status());
    assertTrue(refused.err().startsWith("ssekit opencode: HTTP 401"), refused.err());
    assertEquals("", refused.out());
    Run unreachable = SseDumpCommandTest.run(new byte[0], "opencode", "--url", "http://127.0.0.1:1", "--model",
        "mock/m", "hi");
    assertEquals(1, unreachable.status());
    assertTrue(unreachable.err().startsWith("ssekit opencode: "), unreachable.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "no-slash", "hi")
        .status());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "opencode", "--url", "ftp://x", "--model", "a/b", "hi")
        .status());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "opencode", "--model", "a/b", "hi").status());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "opencode", "--url", server.url(), "--model", "a/b").status());
    assertTrue(server.requests.isEmpty(), server.requests.toString());
  }
}
