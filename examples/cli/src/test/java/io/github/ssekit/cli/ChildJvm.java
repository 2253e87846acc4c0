package io.github.ssekit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a main class of the test classpath in a child JVM, as a user runs {@code ssekit}, and waits for its exit. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs {@code mainClass} with {@code args}; fails when it does not exit within {@code waitSeconds} (the child is
   * killed by its PID either way).
   *
   * @param environment edits the child's environment before the start
   */
  static Run run(Class<?> mainClass, List<String> args, Consumer<Map<String, String>> environment, long waitSeconds)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    environment.accept(builder.environment());
    Process process = builder.start();
    try {
      process.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      assertTrue(process.waitFor(waitSeconds, TimeUnit.SECONDS), "the command did not exit: " + args);
      return new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS).replace("\r\n", "\n"),
          err.get(10, TimeUnit.SECONDS));
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
