package com.example.ssecore;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseEventRouter;
import io.github.ssekit.sse.SseParser;
import java.nio.charset.StandardCharsets;

/** Parses a small stream with the ssekit parser, on the module path, and prints each event it got. */
public final class Main {

  // a comment, an unnamed event, a named event with an id, a two-line event, and a last block never finished
  private static final String STREAM = ": keep-alive\n\n"
      + "data: hello\n\n"
      + "event: hermes.tool.progress\nid: 7\ndata: {\"step\":1}\n\n"
      + "data: line one\r\ndata: line two\r\n\r\n"
      + "data: never dispatched";

  private Main() {}

  /** Runs the example. */
  public static void main(String[] args) {
    SseEventRouter router = new SseEventRouter()
        .onMessage(event -> print(event))
        .on("hermes.tool.progress", event -> print(event));
    SseParser parser = SseParser.builder().handler(router).build();
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    // in two slices that cut a line, as a network would
    int cut = 20;
    parser.feed(bytes, 0, cut);
    parser.feed(bytes, cut, bytes.length - cut);
    parser.end();
    System.out.println("unhandled events: " + router.unhandledCount());
    System.out.println("module " + Main.class.getModule().getName() + " read "
        + SseParser.class.getModule().getName());
  }

  private static void print(SseEvent event) {
    System.out.println("event " + event.type() + " id=" + event.lastEventId() + " data="
        + event.data().replace("\n", "\\n"));
  }
}
