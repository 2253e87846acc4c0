package io.github.ssekit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseDumpCommandTest {
  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Run run(byte[] stdin, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, UTF_8));
      System.setErr(new PrintStream(err, true, UTF_8));
      System.setIn(new ByteArrayInputStream(stdin));
      int status = SsekitCommand.run(args);
      return new Run(status, out.toString(UTF_8).replace("\r\n", "\n"), err.toString(UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  private Path file(String name, byte[] content) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, content);
    return path;
  }

  @ParameterizedTest(name = "chunk size {0}")
  @ValueSource(ints = {1, 2, 3, 7, 8192})
  void printsEventsCommentsAndTheEndOfEachFile(int chunkSize) throws IOException {
    Path a = file("a.sse", ": hi\r\nid: 1\nevent: note\ndata: x\n\nretry: 2500\ndata: y\ndata: z\n\ndata: cut".getBytes(UTF_8));
    Run run = run(new byte[0], "sse-dump", "--comments", "--chunk-size", "" + chunkSize, a.toString());
    String f = ",\"file\":\"" + a + "\"}";
    assertEquals(List.of(
        "{\"comment\":\" hi\"" + f,
        "{\"type\":\"note\",\"data\":\"x\",\"id\":\"1\"" + f,
        "{\"type\":\"message\",\"data\":\"y\\nz\",\"id\":\"1\"" + f,
        "{\"end\":true,\"lastEventId\":\"1\",\"retry\":2500" + f), run.lines());
    assertEquals(0, run.status());
    assertEquals("", run.err());
  }

  @Test
  void readsStdinWithoutFileNamesAndEscapesStringsExactly() {
    byte[] stream = "data: \"q\" \\ \t\u0001\0 é 😀\n\n".getBytes(UTF_8);
    Run run = run(stream, "sse-dump");
    assertEquals(List.of(
        "{\"type\":\"message\",\"data\":\"\\\"q\\\" \\\\ \\t\\u0001\\u0000 é 😀\",\"id\":\"\"}",
        "{\"end\":true,\"lastEventId\":\"\",\"retry\":null}"), run.lines());
    assertEquals(0, run.status());
  }

  @Test
  void anUnreadableFileIsReportedAndTheOthersAreStillDumped() throws IOException {
    Path good = file("good.sse", "data: ok\n\n".getBytes(UTF_8));
    Path missing = dir.resolve("missing.sse");
    Run run = run(new byte[0], "sse-dump", missing.toString(), good.toString());
    assertEquals(2, run.status());
    assertEquals(List.of(
        "{\"type\":\"message\",\"data\":\"ok\",\"id\":\"\",\"file\":\"" + good + "\"}",
        "{\"end\":true,\"lastEventId\":\"\",\"retry\":null,\"file\":\"" + good + "\"}"), run.lines());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("ssekit sse-dump: cannot read " + missing), run.err());
  }

  @Test
  void anOversizeEventIsDroppedWithAWarning() {
    Run run = run(("data: " + "x".repeat(100) + "\n\ndata: small\n\n").getBytes(UTF_8),
        "sse-dump", "--max-event-bytes", "32");
    assertEquals(List.of("{\"type\":\"message\",\"data\":\"small\",\"id\":\"\"}",
        "{\"end\":true,\"lastEventId\":\"\",\"retry\":null}"), run.lines());
    assertTrue(run.err().contains("larger than the limit of 32 bytes"), run.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, run(new byte[0], "sse-dump", "--chunk-size", "0").status());
    assertEquals(2, run(new byte[0], "sse-dump", "--no-such-option").status());
    assertEquals(2, run(new byte[0]).status());
  }

  @Test
  void theBundledSampleDumps() throws IOException {
    Path sample = Path.of("samples/chat.sse");
    Run run = run(new byte[0], "sse-dump", sample.toString());
    assertEquals(0, run.status());
    assertEquals(6, run.lines().size(), run.out());
    assertTrue(run.lines().get(1).startsWith("{\"type\":\"hermes.tool.progress\""), run.out());
  }
}
