package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
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
  void printsEventsAsJsonLinesLeavesHeartbeatsOutAndReconnectsWhenTheServerCloses() {
    server.streamScript = Arrays.asList(
        "{\"id\":\"evt_h\",\"type\":\"server.heartbeat\",\"properties\":{}}",
        "{\"id\":\"evt_d\",\"type\":\"server.instance.disposed\",\"properties\":{\"directory\":\"/tmp/p\"}}",
        null);
    Run run = SseDumpCommandTest.run(new byte[0], "events", "--url", server.url(), "--directory", "/tmp/p",
        "--max-events", "3");
    assertEquals(0, run.status(), run.err());
    List<String> lines = run.lines();
    assertEquals(3, lines.size(), run.out());
    assertEquals("server.connected", new JsonObject(lines.get(0)).getString("type"));
    assertEquals("{\"id\":\"evt_d\",\"type\":\"server.instance.disposed\",\"properties\":{\"directory\":\"/tmp/p\"}}",
        lines.get(1));
    assertEquals("server.connected", new JsonObject(lines.get(2)).getString("type"));
    assertTrue(run.err().startsWith("ssekit events: the stream closed; reconnecting in "), run.err());
    assertEquals(List.of("GET /event?directory=%2Ftmp%2Fp", "GET /event?directory=%2Ftmp%2Fp"), server.requests);
  }

  @Test
  void globalEventsCarryTheirDirectoryAndCanBeFiltered() {
    server.streamScript = Arrays.asList(
        "{\"directory\":\"/other\",\"payload\":{\"id\":\"e1\",\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"s1\"}}}",
        "{\"directory\":\"/mine\",\"payload\":{\"type\":\"sync\",\"syncEvent\":{\"type\":\"session.updated.1\"},\"id\":\"e2\"}}",
        "{\"directory\":\"/mine\",\"payload\":{\"id\":\"e3\",\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"s2\"}}}");
    Run run = SseDumpCommandTest.run(new byte[0], "events", "--url", server.url(), "--global", "--directory", "/mine",
        "--max-events", "2");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("{\"id\":\"evt_1\",\"type\":\"server.connected\",\"properties\":{}}".replace("evt_1",
            new JsonObject(run.lines().get(0)).getString("id")),
        "{\"id\":\"e3\",\"type\":\"session.idle\",\"directory\":\"/mine\",\"properties\":{\"sessionID\":\"s2\"}}"),
        run.lines());
    assertEquals(List.of("GET /global/event"), server.requests);
  }

  @Test
  void typesSelectWhatIsPrinted() {
    server.streamScript = Arrays.asList(
        "{\"id\":\"a\",\"type\":\"catalog.updated\",\"properties\":{}}",
        "{\"id\":\"b\",\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"s\"}}",
        "{\"id\":\"c\",\"type\":\"session.error\",\"properties\":{\"sessionID\":\"s\"}}");
    Run run = SseDumpCommandTest.run(new byte[0], "events", "--url", server.url(), "--type",
        "session.idle,session.error", "--max-events", "2");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("b", "c"), run.lines().stream().map(l -> new JsonObject(l).getString("id")).toList());
  }

  @Test
  void aRefusedStreamExitsWithOneAndUsageErrorsWithTwo() {
    server.eventStatus = 401;
    Run refused = SseDumpCommandTest.run(new byte[0], "events", "--url", server.url());
    assertEquals(1, refused.status());
    assertTrue(refused.err().startsWith("ssekit events: HTTP 401 from GET " + server.url() + "/event"), refused.err());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "events").status());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "events", "--url", server.url(), "--max-events", "0").status());
    assertEquals(2, SseDumpCommandTest.run(new byte[0], "events", "--url", "nope").status());
  }
}
