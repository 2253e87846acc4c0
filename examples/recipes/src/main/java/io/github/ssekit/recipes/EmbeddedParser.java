package io.github.ssekit.recipes;

import io.github.ssekit.sse.SseEventRouter;
import io.github.ssekit.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parser in plain Java, with sse-core alone: reads a Server-Sent Event stream from a file (or standard input),
 * prints each {@code message} event's data, and each {@code hermes.tool.progress} event routed to its own handler
 * by name. Other named events are counted, never an error.
 *
 * <pre>{@code
 * java -cp CLASSPATH io.github.ssekit.recipes.EmbeddedParser stream.sse
 * curl -N https://example.invalid/stream | java -cp CLASSPATH io.github.ssekit.recipes.EmbeddedParser
 * }</pre>
 */
public final class EmbeddedParser {

  private EmbeddedParser() {}

  /**
   * Parses the stream in file {@code args[0]}, or standard input when no argument is given.
   *
   * @throws IOException if the input cannot be read
   */
  public static void main(String[] args) throws IOException {
    try (InputStream in = args.length > 0 ? Files.newInputStream(Path.of(args[0])) : System.in) {
      // recipe:begin parser
      SseEventRouter router = new SseEventRouter()
          .onMessage(e -> System.out.println(e.data()))
          .on("hermes.tool.progress", e -> System.out.println("progress " + e.data()));
      SseParser parser = SseParser.builder().handler(router).build();
      byte[] bytes = new byte[8192];
      for (int n; (n = in.read(bytes)) != -1; ) {  // any InputStream: a file, a socket, System.in
        parser.feed(bytes, 0, n);                  // in any slices: an event may span reads
      }
      parser.end();                                // an unfinished last block is discarded, as the spec says
      // recipe:end parser
      System.out.println("events of other types: " + router.unhandledCount());
    }
  }
}
