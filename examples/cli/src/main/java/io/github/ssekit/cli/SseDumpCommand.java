package io.github.ssekit.cli;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssekit sse-dump}: shows what a stream really carries, one JSON object per line. Pipe {@code curl -N} into
 * it to see what a provider sends.
 */
@Command(
    name = "sse-dump",
    mixinStandardHelpOptions = true,
    description = {
        "Parses SSE streams and prints one JSON object per line: {\"type\",\"data\",\"id\"} per event, "
            + "{\"comment\"} with --comments, and {\"end\":true,\"lastEventId\",\"retry\"} at the end of each "
            + "input. \"file\" is added when files are given. Reads stdin when no FILE is given (or FILE is -)."})
final class SseDumpCommand implements Callable<Integer> {

  /** The largest {@code --chunk-size}: the read buffer is allocated at this size, so it is bounded (1 MiB). */
  static final int MAX_CHUNK_BYTES = 1024 * 1024;

  @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "8192",
      description = "Feed the parser N bytes at a time, 1 to " + MAX_CHUNK_BYTES + " (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--comments", description = "Also print comment lines as {\"comment\":C}.")
  boolean comments;

  @Option(names = "--max-event-bytes", paramLabel = "BYTES", defaultValue = "" + SseParser.DEFAULT_MAX_EVENT_BYTES,
      description = "Drop events larger than this, with a warning on stderr (default: ${DEFAULT-VALUE}).")
  int maxEventBytes;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files holding raw SSE bytes.")
  List<Path> files;

  @Override
  public Integer call() {
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_BYTES) {
      System.err.println("ssekit sse-dump: --chunk-size must be 1 to " + MAX_CHUNK_BYTES + " bytes");
      return SsekitCommand.USAGE;
    }
    if (maxEventBytes < 1) {
      System.err.println("ssekit sse-dump: --max-event-bytes must be positive");
      return SsekitCommand.USAGE;
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    int status = 0;
    if (files == null || files.isEmpty()) {
      status = dump(System.in, null, out);
    } else {
      for (Path file : files) {
        if (file.toString().equals("-")) {
          status = Math.max(status, dump(System.in, "-", out));
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          status = Math.max(status, dump(in, file.toString(), out));
        } catch (IOException e) {
          out.flush();
          System.err.println("ssekit sse-dump: cannot read " + file + ": " + describe(e));
          status = SsekitCommand.USAGE;
        }
      }
    }
    out.flush();
    return status;
  }

  private int dump(InputStream in, String file, PrintWriter out) {
    Printer printer = new Printer(out, file);
    SseParser parser = SseParser.builder().handler(printer).comments(comments).maxEventBytes(maxEventBytes).build();
    byte[] buffer = new byte[chunkSize];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        parser.feed(buffer, 0, n);
        if (in.available() == 0) {
          // flushed only when the next read may wait (a live `curl -N` pipe), never per chunk: one byte at a time
          // from a file or a full pipe must not cost one write to stdout per byte
          out.flush();
        }
      }
    } catch (IOException e) {
      out.flush();
      System.err.println("ssekit sse-dump: cannot read " + (file == null ? "stdin" : file) + ": " + describe(e));
      return SsekitCommand.USAGE;
    }
    parser.end();
    StringBuilder line = new StringBuilder("{\"end\":true,\"lastEventId\":");
    JsonText.string(line, parser.lastEventId()).append(",\"retry\":");
    line.append(parser.retry().isPresent() ? Long.toString(parser.retry().getAsLong()) : "null");
    out.println(printer.withFile(line));
    return 0;
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
  }

  /** Prints what the parser reports as JSON lines. */
  private static final class Printer implements SseHandler {
    private final PrintWriter out;
    private final String file;

    Printer(PrintWriter out, String file) {
      this.out = out;
      this.file = file;
    }

    @Override
    public void onEvent(SseEvent event) {
      StringBuilder line = new StringBuilder(event.data().length() + 48).append("{\"type\":");
      JsonText.string(line, event.type()).append(",\"data\":");
      JsonText.string(line, event.data()).append(",\"id\":");
      JsonText.string(line, event.lastEventId());
      out.println(withFile(line));
    }

    @Override
    public void onComment(String text) {
      out.println(withFile(JsonText.string(new StringBuilder("{\"comment\":"), text)));
    }

    @Override
    public void onError(SseException error) {
      out.flush();
      System.err.println("ssekit sse-dump: " + (file == null ? "" : file + ": ") + error.getMessage());
    }

    String withFile(StringBuilder line) {
      if (file != null) {
        JsonText.string(line.append(",\"file\":"), file);
      }
      return line.append('}').toString();
    }
  }
}
