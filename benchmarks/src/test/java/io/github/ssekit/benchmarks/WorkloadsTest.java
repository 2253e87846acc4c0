package io.github.ssekit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Chunking;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The inputs are what BENCHMARKS.md says they are. */
class WorkloadsTest {

  @Test
  void eventsHaveTheSizesBenchmarksMdStates() {
    Input llm = Workloads.llm(10_000, Workloads.BUFFERS_4K, false);
    double perEvent = (double) llm.bytes().length / llm.events();
    assertTrue(perEvent > 225 && perEvent < 235, "LLM stream: bytes per event " + perEvent);
    Input crlf = Workloads.crlfTicks(10_000, Workloads.BUFFERS_4K, false);
    perEvent = (double) crlf.bytes().length / crlf.events();
    assertTrue(perEvent > 64 && perEvent < 72, "CRLF events: bytes per event " + perEvent);
  }

  @Test
  void chunkingCoversTheStreamWithBuffersOfTheStatedSizes() {
    Input tiny = Workloads.llm(200, Workloads.TINY, false);
    int previous = 0;
    for (int i = 0; i < tiny.chunks(); i++) {
      int size = tiny.end(i) - tiny.start(i);
      assertEquals(previous, tiny.start(i));
      assertTrue(size >= 1 && size <= 7, "buffer " + i + " has " + size + " bytes");
      previous = tiny.end(i);
    }
    assertEquals(tiny.bytes().length, previous);
    int[] ends = Chunking.fixed(4096).ends(10_000);
    assertArrayEquals(new int[] {4096, 8192, 10_000}, ends);
  }

  @Test
  void theInputStreamNeverReadsAcrossABufferBoundary() throws Exception {
    Input input = Workloads.crlfTicks(100, Chunking.fixed(100), false);
    InputStream in = new ChunkedInputStream(input);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) > 0) {
      assertTrue(n <= 100, "read " + n);
      all.write(buffer, 0, n);
    }
    assertArrayEquals(input.bytes(), all.toByteArray());
  }

  @Test
  void sameSeedSameInput() {
    assertArrayEquals(Workloads.llm(300, Workloads.TINY, false).bytes(), Workloads.llm(300, Workloads.TINY, false).bytes());
  }
}
