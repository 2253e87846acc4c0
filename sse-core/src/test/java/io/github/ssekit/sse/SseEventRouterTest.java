package io.github.ssekit.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventRouterTest {

  @Test
  void routesByTypeAndCountsWhatNobodyHandles() {
    List<String> messages = new ArrayList<>();
    List<String> progress = new ArrayList<>();
    List<String> unhandled = new ArrayList<>();
    SseEventRouter router = new SseEventRouter()
        .onMessage(e -> messages.add(e.data()))
        .on("hermes.tool.progress", e -> progress.add(e.data()))
        .onUnhandled(e -> unhandled.add(e.type()));
    SseParser parser = SseParser.create(router);
    parser.feed(("data: a\n\nevent: hermes.tool.progress\ndata: 50%\n\nevent: ping\ndata: {}\n\n"
        + "event:\ndata: b\n\nevent: MESSAGE\ndata: c\n\n").getBytes(UTF_8));
    parser.end();
    assertEquals(List.of("a", "b"), messages);
    assertEquals(List.of("50%"), progress);
    assertEquals(List.of("ping", "MESSAGE"), unhandled); // names are case-sensitive
    assertEquals(2, router.unhandledCount());
    assertTrue(router.handles("message"));
    assertFalse(router.handles("ping"));
  }
}
