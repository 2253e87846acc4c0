package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectTest extends LoopbackTest {

  private void redirect(String from, int status, String location) {
    server.on(from, req -> {
      if (location != null) {
        req.response().putHeader("Location", location);
      }
      req.response().setStatusCode(status).end();
    });
  }

  @Test
  void redirectsAreFollowedRelativeAndAbsolute() throws Exception {
    redirect("/r1", 302, "/r2");
    redirect("/r2", 301, server.url("/r3"));
    redirect("/r3", 308, "events");
    server.on("/events", req -> eventStream(req).end("data: arrived\n\n"));
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/r1")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(List.of("arrived"), sink.data());
    assertEquals(List.of("/r1", "/r2", "/r3", "/events"),
        server.seen().stream().map(ScriptedServer.Seen::path).toList());
  }

  @Test
  void temporaryRedirectKeepsMethodAndBodyWhileSeeOtherSwitchesToGet() throws Exception {
    redirect("/keep", 307, "/events");
    redirect("/switch", 303, "/events");
    server.on("/events", req -> eventStream(req).end("data: " + req.method() + "\n\n"));

    Sink kept = Sink.attach(await(client().connect(SseRequest.post(server.url("/keep")).body("{\"q\":1}").build())));
    kept.awaitEnd();
    assertEquals(List.of("POST"), kept.data());
    assertEquals("{\"q\":1}", server.seen("/events").get(0).body());

    Sink switched = Sink.attach(await(client().connect(
        SseRequest.post(server.url("/switch")).header("Content-Type", "application/json").body("{}").build())));
    switched.awaitEnd();
    assertEquals(List.of("GET"), switched.data());
    assertEquals("", server.seen("/events").get(1).body());
    assertNull(server.seen("/events").get(1).headers().get("Content-Type"));
  }

  @Test
  void aRedirectWithoutLocationFails() throws Exception {
    redirect("/nowhere", 302, null);
    RedirectException e = awaitFailure(client().connect(SseRequest.get(server.url("/nowhere")).build()),
        RedirectException.class);
    assertEquals(302, e.status());
  }

  @Test
  void aRedirectLoopStopsAtTheLimit() throws Exception {
    redirect("/loop", 307, "/loop");
    RedirectException e = awaitFailure(
        client(fastOptions().setMaxRedirects(3)).connect(SseRequest.get(server.url("/loop")).build()),
        RedirectException.class);
    assertEquals(307, e.status());
    assertEquals(4, server.seen("/loop").size(), "the first request and 3 redirects");
  }

  @Test
  void credentialsDoNotFollowARedirectToAnotherOrigin() throws Exception {
    try (ScriptedServer other = ScriptedServer.start(vertx)) {
      other.on("/events", req -> eventStream(req).end("data: there\n\n"));
      redirect("/away", 302, other.url("/events"));
      SseRequest request = SseRequest.get(server.url("/away")).reconnect(false)
          .header("Authorization", "Bearer secret").header("X-Trace", "t1").build();
      Sink sink = Sink.attach(await(client().connect(request)));
      sink.awaitEnd();

      assertEquals(List.of("there"), sink.data());
      assertEquals("Bearer secret", server.seen("/away").get(0).headers().get("Authorization"));
      assertNull(other.seen("/events").get(0).headers().get("Authorization"));
      assertEquals("t1", other.seen("/events").get(0).headers().get("X-Trace"));
    }
  }
}
