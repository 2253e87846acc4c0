package io.github.ssekit.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.sse.testing.Feeding;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test stream gives the same result however its bytes arrive: whole, one byte at a time, split in two at
 * every point, and in random chunks; leniently and strictly.
 */
class FeedingTest {

  static java.util.stream.Stream<String> names() {
    return Streams.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void everyWayOfFeedingGivesTheSameResult(String name) {
    byte[] stream = Streams.bytes(name);
    for (boolean strict : new boolean[] {false, true}) {
      String whole = Streams.summary(Streams.run(stream, p -> Feeding.feedCut(p, stream), strict));
      assertEquals(whole, Streams.summary(Streams.run(stream, p -> Feeding.feedInChunks(p, stream, 1), strict)),
          "byte by byte");
      for (int cut = 1; cut < stream.length; cut++) {
        int at = cut;
        assertEquals(whole, Streams.summary(Streams.run(stream, p -> Feeding.feedCut(p, stream, at), strict)),
            "split at " + at);
      }
      Random random = new Random(name.hashCode());
      for (int i = 0; i < 20; i++) {
        assertEquals(whole, Streams.summary(Streams.run(stream, p -> Feeding.feedRandomly(p, stream, random, 64),
            strict)), "random chunks, run " + i);
      }
    }
    // the facade's own parser agrees with a transport's
    assertEquals(Streams.summary(Streams.run(stream, p -> Feeding.feedCut(p, stream), false)),
        Streams.summary(Streams.decode(name)));
  }
}
