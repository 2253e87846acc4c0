package io.github.ssekit.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.testing.Feeding;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The captures in the test resources, and what the protocol makes of them. */
final class Captures {
  private Captures() {}

  static final ObjectMapper PLAIN = new ObjectMapper();

  static byte[] bytes(String name) {
    try (InputStream in = Captures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no capture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON of an answer capture; for {@code .txt} answers the body before the {@code HTTP <status>} line. */
  static JsonNode json(String name) {
    try {
      return PLAIN.readTree(body(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of an answer capture (a {@code .txt} answer without its trailing status line). */
  static byte[] body(String name) {
    String text = new String(bytes(name), StandardCharsets.UTF_8);
    int status = text.lastIndexOf("\nHTTP ");
    return (status >= 0 ? text.substring(0, status) : text).strip().getBytes(StandardCharsets.UTF_8);
  }

  /** The HTTP status recorded at the end of a {@code .txt} answer. */
  static int status(String name) {
    String text = new String(bytes(name), StandardCharsets.UTF_8).strip();
    return Integer.parseInt(text.substring(text.lastIndexOf("HTTP ") + 5).trim());
  }

  /** The names of every raw SSE capture. */
  static List<String> rawCaptures() {
    try {
      Path dir = Paths.get(Captures.class.getResource("/fixtures").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".raw")).sorted()
            .collect(Collectors.toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything a dispatcher reported, in order. */
  static final class Outcomes implements ProtocolListener<OpenCodeEvent> {
    final List<OpenCodeEvent> values = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<SseException> errors = new ArrayList<>();
    final List<SseEvent> ignored = new ArrayList<>();
    /** The order of outcomes: the event type for values, "keep-alive", "error", "ignored". */
    final List<String> sequence = new ArrayList<>();
    int keepAlives;

    @Override
    public void onValue(OpenCodeEvent value) {
      values.add(value);
      sequence.add(value.getClass().getSimpleName() + " " + value.type() + " " + value.id());
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.add(diagnostic);
    }

    @Override
    public void onKeepAlive() {
      keepAlives++;
      sequence.add("keep-alive");
    }

    @Override
    public void onError(SseException error) {
      errors.add(error);
      sequence.add("error");
    }

    @Override
    public void onIgnored(SseEvent event) {
      ignored.add(event);
      sequence.add("ignored");
    }

    int total() {
      return values.size() + keepAlives + errors.size() + ignored.size();
    }
  }

  /** Decodes a capture fed whole. */
  static Outcomes decode(String name) {
    return decode(name, OpenCodeProtocol.create(), parser -> Feeding.feedCut(parser, bytes(name)));
  }

  /** Decodes a capture with a given protocol, fed (and ended) by {@code feed}. */
  static Outcomes decode(String name, OpenCodeProtocol protocol, Consumer<SseParser> feed) {
    Outcomes outcomes = new Outcomes();
    SseParser parser = SseParser.create(new ProtocolDispatcher<>(protocol, outcomes));
    feed.accept(parser);
    return outcomes;
  }

  /** The values of a capture fed whole, in order. */
  static List<OpenCodeEvent> events(String name) {
    return decode(name).values;
  }

  /** The data of every SSE event of a capture, as JSON read independently of the protocol. */
  static List<JsonNode> frames(String name) {
    List<JsonNode> frames = new ArrayList<>();
    for (SseEvent event : Feeding.parse(bytes(name)).events) {
      try {
        frames.add(PLAIN.readTree(event.data()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return frames;
  }

  /** Decodes one data string. */
  static DecodeOutcome<OpenCodeEvent> decodeData(String data) {
    return OpenCodeProtocol.create().decode(SseEvent.message(data));
  }
}
