package io.github.ssekit.client;

import io.vertx.core.Vertx;

/**
 * A user's {@code main} for {@link OwnedVertxTest}, run in a fresh JVM: reads the finite stream at {@code args[1]}
 * with a blocking iterator, prints each event's data, and returns. {@code args[0]} says how the client is made and
 * left: {@code never-closed} (its own Vert.x, never closed), {@code closed} (its own, closed by try-with-resources),
 * {@code caller-vertx} (the caller's {@code Vertx.vertx()}, neither closed: the control case that must not exit).
 */
public final class OwnedVertxMain {
  private OwnedVertxMain() {}

  /** Runs one case; see the class comment. */
  public static void main(String[] args) {
    String mode = args[0];
    SseRequest request = SseRequest.get(args[1]).reconnect(false).build();
    switch (mode) {
      case "never-closed" -> read(SseClient.create(), request);
      case "closed" -> {
        try (SseClient client = SseClient.create()) {
          read(client, request);
        }
      }
      case "caller-vertx" -> read(SseClient.create(Vertx.vertx()), request);
      default -> throw new IllegalArgumentException(mode);
    }
    System.out.println("main returned");
  }

  private static void read(SseClient client, SseRequest request) {
    try (EventIterator events = client.connect(request).await().iterator()) {
      events.forEachRemaining(event -> System.out.println(event.data()));
    }
  }
}
