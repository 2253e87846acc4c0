package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.testkit.FakeOpenAiServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code ssekit web --demo} as a user runs it, from the shaded jar: it starts the embedded fake provider and a real
 * OpenCode server of its own, serves the page, and stops that server when it is stopped.
 */
class ChatPageDemoIT {
  static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void theDemoServesThePageOnARealOpenCodeServerAndStopsItOnExit() throws Exception {
    Path home = Path.of(System.getProperty("ssekit.opencode.home", "target/opencode"));
    if (Files.exists(home.resolve("INSTALL-FAILED"))) {
      throw new IllegalStateException("The OpenCode server could not be installed: "
          + Files.readString(home.resolve("INSTALL-FAILED")).trim());
    }
    Path binary = home.resolve("node_modules/opencode-ai/bin/opencode.exe").toAbsolutePath();
    Path jar = Path.of(System.getProperty("ssekit.cli.jar", "../examples/cli/target/ssekit.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), () -> "build the examples module first: " + jar);
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        jar.toString(), "web", "--demo", "--port", "0", "--delay", "20", "--opencode", binary.toString())
        .redirectErrorStream(true).start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.add(line);
          Matcher m = URL.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (java.io.IOException e) {
        // the process ended
      }
      url.completeExceptionally(new AssertionError("ssekit web exited without a URL: " + output));
    }, "ssekit-web-output");
    reader.setDaemon(true);
    reader.start();
    List<ProcessHandle> children = new CopyOnWriteArrayList<>();
    try {
      String page = url.get(3, TimeUnit.MINUTES);
      children.addAll(process.descendants().toList());
      assertTrue(children.stream().anyMatch(c -> c.info().command().orElse("").endsWith("opencode.exe")),
          () -> "the demo's OpenCode server runs under it: " + children.stream().map(c -> c.info().command()).toList());

      ChatPage chat = new ChatPage(driver);
      chat.open(page, null);
      assertTrue(driver.findElement(By.id("banner")).getText().startsWith("Demo: a real OpenCode server"));
      assertEquals("mock/mock-reasoning", driver.findElement(By.id("model")).getAttribute("value"),
          "the demo's default model");
      chat.send("mock/mock-reasoning", "Say hello");
      ChatPage.Turn turn = chat.awaitEnd(1);
      assertEquals("done", turn.state(), turn::toString);
      assertEquals(String.join("", FakeOpenAiServer.NORMAL_TEXT), turn.text());
      assertEquals("Thinking about hello...", turn.reasoning());
    } finally {
      process.destroy(); // SIGTERM, as Ctrl-C: the command stops its OpenCode server before exiting
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    for (ProcessHandle child : children) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      boolean left = child.isAlive();
      if (left) {
        child.destroy(); // started (through the command) by this test: do not leave it running
      }
      assertFalse(left, () -> "left running: " + child.pid() + " " + child.info().command());
    }
    assertTrue(output.stream().noneMatch(l -> l.contains("Exception")), output::toString);
  }
}
