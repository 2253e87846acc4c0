package io.github.ssekit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.benchmarks.peers.Adapters;
import io.github.ssekit.benchmarks.peers.SseAdapter;
import io.github.ssekit.benchmarks.workload.Event;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every adapter, on a small copy of every benchmark input, yields the events the input was built with (type,
 * data, id), exactly as ssekit does, so that no benchmark measures a broken adapter. The one known deviation
 * (Vert.x on CRLF) is asserted precisely instead.
 */
class PeerEquivalenceTest {

  static Stream<Arguments> cases() {
    List<Input> inputs = List.of(
        Workloads.byName("llm-4k", 300, true),
        Workloads.byName("llm-tiny", 300, true),
        Workloads.byName("crlf-4k", 300, true),
        Workloads.largeLine(200_000, Workloads.BUFFERS_1K, true));
    List<String> workloads = List.of("llm-4k", "llm-tiny", "crlf-4k", "large-line");
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      for (SseAdapter adapter : Adapters.all()) {
        cases.add(Arguments.of(workloads.get(i), adapter.name(), inputs.get(i)));
      }
    }
    return cases.stream();
  }

  /** The stream shapes (workloads 7 to 10), small copies, every adapter ShapesBenchmark runs. */
  static Stream<Arguments> shapes() {
    List<Arguments> cases = new ArrayList<>();
    for (String shape : List.of("large-json", "multi-line", "named", "cr-comments")) {
      Input input = Workloads.shape(shape, shape.equals("large-json") || shape.equals("multi-line") ? 60 : 3000, true);
      for (String parser : List.of("floor", "ssekit", "okhttp-eventsource", "okhttp-sse", "bufferedreader")) {
        if (KnownDeviations.hangs(parser, shape)) {
          continue;
        }
        cases.add(Arguments.of(shape, parser, input));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shapes")
  void yieldsTheSameEventsOnTheStreamShapes(String workload, String parser, Input input) throws Exception {
    List<Event> expected = input.expected().orElseThrow();
    List<Event> events = parse(parser, input);
    assertEquals(expected.size(), events.size(), "event count");
    assertEquals(expected, events);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void yieldsTheSameEventsAsTheSpec(String workload, String parser, Input input) throws Exception {
    List<Event> expected = input.expected().orElseThrow();
    List<Event> events = parse(parser, input);
    assertEquals(KnownDeviations.eventCount(parser, workload, input.events()), events.size(), "event count");
    if (parser.equals("vertx") && workload.startsWith("crlf")) {
      assertVertxCrlfDeviation(expected, events);
    } else {
      assertEquals(expected, events);
    }
  }

  /**
   * Vert.x's codec takes CR and LF each as a line end: {@code id: 7\r\nevent: t\r\ndata: d\r\n\r\n} is
   * {@code id: 7}, blank (dispatch), {@code event: t}, blank, {@code data: d}, blank, blank, blank. So five
   * events: one with the id and empty data, one with the type and empty data, one with the data (type
   * {@code message}, no id), two empty. The data still gets through, in order: the adapter works.
   */
  private static void assertVertxCrlfDeviation(List<Event> expected, List<Event> events) {
    for (int i = 0; i < expected.size(); i++) {
      Event want = expected.get(i);
      List<Event> got = events.subList(5 * i, 5 * i + 5);
      assertEquals(List.of(
          new Event("message", "", want.id()),
          new Event(want.type(), "", ""),
          new Event("message", want.data(), ""),
          new Event("message", "", ""),
          new Event("message", "", "")), got, "event " + i);
    }
  }

  static List<Event> parse(String parser, Input input) throws Exception {
    List<Event> events = new ArrayList<>();
    Adapters.byName(parser).parse(input, (type, data, id) -> events.add(Event.of(type, data, id)));
    return events;
  }
}
