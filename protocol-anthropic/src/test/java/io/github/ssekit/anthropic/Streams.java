package io.github.ssekit.anthropic;

import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The test streams of {@code src/test/resources/streams}, and runs of them as a transport would drive them. */
final class Streams {
  static final Path DIR = Path.of("src", "test", "resources", "streams");

  private Streams() {}

  /** The names of every test stream, without {@code .sse}. */
  static Stream<String> names() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".sse"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name + ".sse"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Feeds {@code stream} through {@code feed} to a parser that reports to a {@link MessagesStream}'s conversation
   * (events, as the client's transport delivers them), then ends it.
   */
  static MessagesResult run(byte[] stream, Consumer<SseParser> feed, boolean strict) {
    MessagesStream messages = MessagesStream.builder().strict(strict).build();
    SseParser parser = SseParser.builder().handler(messages.conversation()).build();
    feed.accept(parser);
    return messages.end();
  }

  /** The stream named {@code name}, fed whole, leniently. */
  static MessagesResult decode(String name) {
    return MessagesStream.decode(bytes(name));
  }

  /** A comparable text of everything a result holds (errors by class and message). */
  static String summary(MessagesResult result) {
    List<String> errors = new ArrayList<>();
    for (SseException e : result.errors()) {
      errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return result.message() + "\n" + errors + "\n" + result.diagnostics() + "\n" + result.diagnosticOccurrences()
        + "\nstop=" + result.stopReceived() + " truncated=" + result.truncated();
  }
}
