package io.github.ssekit.sse.testing;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds a stream to a parser in the ways every test must survive: whole, one byte at a time, split in two at
 * every point, and in random chunks. Shared with the protocol modules through sse-core's test-jar.
 */
public final class Feeding {
  private Feeding() {}

  /** Everything a parser reported, in order. */
  public static final class Recorded implements SseHandler {
    public final List<SseEvent> events = new ArrayList<>();
    public final List<String> comments = new ArrayList<>();
    public final List<Long> retries = new ArrayList<>();
    public final List<String> lastEventIds = new ArrayList<>();
    public final List<SseException> errors = new ArrayList<>();

    @Override
    public void onEvent(SseEvent event) {
      events.add(event);
    }

    @Override
    public void onComment(String text) {
      comments.add(text);
    }

    @Override
    public void onRetry(long millis) {
      retries.add(millis);
    }

    @Override
    public void onLastEventId(String lastEventId) {
      lastEventIds.add(lastEventId);
    }

    @Override
    public void onError(SseException error) {
      errors.add(error);
    }

    /** A comparable summary of everything recorded (exceptions by class and message). */
    public List<Object> summary() {
      List<String> errorText = new ArrayList<>();
      for (SseException e : errors) {
        errorText.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      return List.of(events, comments, retries, lastEventIds, errorText);
    }
  }

  /** Feeds {@code stream} in the chunks given by {@code cuts} (ascending offsets) and ends it. */
  public static void feedCut(SseParser parser, byte[] stream, int... cuts) {
    int from = 0;
    for (int cut : cuts) {
      parser.feed(stream, from, cut - from);
      from = cut;
    }
    parser.feed(stream, from, stream.length - from);
    parser.end();
  }

  /** Feeds {@code stream} in chunks of {@code size} bytes and ends it. */
  public static void feedInChunks(SseParser parser, byte[] stream, int size) {
    for (int i = 0; i < stream.length; i += size) {
      parser.feed(stream, i, Math.min(size, stream.length - i));
    }
    parser.end();
  }

  /** Feeds {@code stream} in random chunks of 1 to {@code maxChunk} bytes and ends it. */
  public static void feedRandomly(SseParser parser, byte[] stream, Random random, int maxChunk) {
    int i = 0;
    while (i < stream.length) {
      int n = Math.min(1 + random.nextInt(maxChunk), stream.length - i);
      // copy, so a parser that kept a reference to the caller's array would be caught
      parser.feed(Arrays.copyOfRange(stream, i, i + n));
      i += n;
    }
    parser.end();
  }

  /**
   * Runs {@code check} on what {@code parserFactory} reports for {@code stream} fed whole, one byte at a time,
   * split in two at every offset, and in random chunks from a fixed seed. The factory is given a fresh recorder.
   */
  public static void inEveryWay(byte[] stream, java.util.function.Function<SseHandler, SseParser> parserFactory,
      Consumer<Recorded> check) {
    forEachFeeding(stream, (how, feed) -> {
      Recorded recorded = new Recorded();
      SseParser parser = parserFactory.apply(recorded);
      feed.accept(parser);
      try {
        check.accept(recorded);
      } catch (AssertionError e) {
        throw new AssertionError("fed " + how + ": " + e.getMessage(), e);
      }
    });
  }

  /** A way of feeding a stream, with its name for failure messages. */
  public interface FeedingConsumer {
    void accept(String how, Consumer<SseParser> feed);
  }

  /** Calls {@code consumer} once per feeding mode: whole, byte by byte, every 2-way split, random chunks. */
  public static void forEachFeeding(byte[] stream, FeedingConsumer consumer) {
    consumer.accept("whole", p -> feedCut(p, stream));
    consumer.accept("byte by byte", p -> feedInChunks(p, stream, 1));
    for (int cut = 1; cut < stream.length; cut++) {
      int at = cut;
      consumer.accept("split at " + at, p -> feedCut(p, stream, at));
    }
    long seed = 0x5eed_5eedL ^ stream.length;
    consumer.accept("randomly (seed " + seed + ")", p -> feedRandomly(p, stream, new Random(seed), 7));
  }

  /** Parses {@code stream} fed whole with a default parser; a convenience for tests of decoders. */
  public static Recorded parse(byte[] stream) {
    Recorded recorded = new Recorded();
    feedCut(SseParser.create(recorded), stream);
    return recorded;
  }

  /** A supplier of parsers for {@link #inEveryWay}: default settings. */
  public static java.util.function.Function<SseHandler, SseParser> defaults() {
    return SseParser::create;
  }

}
