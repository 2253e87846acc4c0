package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ssekit web} refuses bad command lines before starting anything (the relay itself runs in the ITs). */
class WebCommandTest {

  @ParameterizedTest(name = "ssekit web {0}")
  @CsvSource(delimiter = '|', value = {
      "''                                                   | give either --url URL or --demo",
      "--url http://127.0.0.1:1 --demo                      | give either --url URL or --demo",
      "--url http://127.0.0.1:1 --model no-slash             | expected \"provider/model\"",
      "--url ftp://127.0.0.1:1                               | expected an http(s) URL",
      "--url http://127.0.0.1:1 --port 70000                 | --port must be in range",
      "--demo --directory /tmp                               | --directory does not apply to --demo",
      "--demo --opencode /nonexistent/opencode               | --demo needs the opencode binary: none at",
      "--url http://127.0.0.1:1 --redis 127.0.0.1:6379        | --redis must be a redis:// address"})
  void badCommandLinesExitWithTwoAndSayWhy(String args, String message) {
    String[] argv = args.isBlank() ? new String[] {"web"} : ("web " + args.trim()).split(" +");
    Run run = SseDumpCommandTest.run(new byte[0], argv);
    assertEquals(2, run.status(), run::toString);
    assertTrue(run.err().contains(message), run.err());
    assertEquals("", run.out());
  }

  @Test
  void aRedisThatDoesNotAnswerStopsItAtOnceSayingSo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Run run = SseDumpCommandTest.run(new byte[0], "web", "--url", "http://127.0.0.1:1", "--port", "0", "--redis",
        "redis://127.0.0.1:" + closedPort);
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("could not start: Redis is unreachable"), run.err());
  }
}
