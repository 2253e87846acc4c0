package io.github.ssekit.recipes;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.sse.SseEvent;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SseClient's blocking iterator: reads a finite Server-Sent Event stream on a plain thread, then again on a virtual
 * thread when the JDK has them (21 and later), printing each event, and exits by itself. The client is made without
 * a {@code Vertx}: it owns one and releases it when closed.
 *
 * <pre>{@code
 * java -cp CLASSPATH io.github.ssekit.recipes.BlockingSse http://127.0.0.1:8080/events
 * }</pre>
 *
 * <p>The code compiles for Java 17, so the virtual thread is made by reflection; on JDK 21+ write
 * {@code Executors.newVirtualThreadPerTaskExecutor()} directly.
 */
public final class BlockingSse {

  private BlockingSse() {}

  /**
   * Reads the stream at {@code args[0]} (an absolute http(s) URL).
   *
   * @throws Exception if the stream cannot be opened or fails
   */
  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/events";
    try (SseClient client = SseClient.create()) {  // owns its Vert.x (daemon threads), released here
      // recipe:begin blocking
      // By default a GET stream that ends is reconnected (with Last-Event-ID), as the spec's EventSource does:
      // a live feed never really ends. A finite stream says so.
      SseRequest request = SseRequest.get(url).reconnect(false).build();
      Callable<Integer> read = () -> {
        int count = 0;
        try (EventIterator events = client.connect(request).await().iterator()) {  // never on an event loop
          while (events.hasNext()) {  // blocks until the next event; false at the end, throws a failure
            SseEvent event = events.next();
            System.out.println(event.type() + ": " + event.data());
            count++;
          }
        }
        return count;
      };
      // recipe:end blocking
      System.out.println("== on a plain thread");
      readOn(Executors.newSingleThreadExecutor(), read);
      ExecutorService virtualThreads = virtualThreadPerTaskExecutor();
      if (virtualThreads == null) {
        System.out.println("== no virtual threads before JDK 21");
      } else {
        System.out.println("== on a virtual thread");
        readOn(virtualThreads, read);
      }
    }
  }

  private static void readOn(ExecutorService executor, Callable<Integer> read) throws Exception {
    try {
      System.out.println("== " + executor.submit(read).get() + " events, the stream ended");
    } finally {
      executor.shutdown();
    }
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21 and later, else {@code null}. */
  private static ExecutorService virtualThreadPerTaskExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      // absent before JDK 19, a preview feature that throws unless enabled in 19 and 20
      return null;
    }
  }
}
