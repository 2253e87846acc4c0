package io.github.ssekit.benchmarks.workload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark streams, generated deterministically (fixed seeds), each with the events a spec-exact parser
 * must dispatch. Numbering follows the benchmarks issue: 1 and 2 are {@link #llm}, 3 is {@link #largeLine}, 4 is
 * {@link #crlfTicks}; 5 (pipelines) reads {@link #llm} too.
 */
public final class Workloads {

  /** Workload 1's and 5's buffers. */
  public static final Chunking BUFFERS_4K = Chunking.fixed(4096);
  /** Workload 2's buffers: 1 to 7 bytes, a fixed seed. */
  public static final Chunking TINY = Chunking.random(1, 7, 0x5EED);
  /** Workload 3's buffers. */
  public static final Chunking BUFFERS_1K = Chunking.fixed(1024);

  /**
   * Token texts of the LLM stream, as they appear inside JSON strings. Mostly English sub-words, with some
   * punctuation, escaped newlines, and a few non-ASCII tokens (about one in twenty), as in real replies.
   */
  private static final String[] TOKENS = {
    " the", " a", " of", " to", " and", " in", " is", " that", " for", " it", " as", " with", " on", " be",
    " stream", " token", " model", " parser", " event", " server", " sent", " events", " Java", " fast",
    "ing", "ed", "s", "ly", "er", " re", " un", "tion", ",", ".", ":", " (", ")", "`", "\\n", "\\n\\n",
    " 1", "0", "2", " -", " **", "**", " \\\"", "\\\"", " you", " can", " will", " this", " we", " not",
    " caf\u00e9", " \u2014", " na\u00efve", " \u4f60\u597d", " \ud83d\ude42", " \u00fcber",
  };
  private static final int ASCII_TOKENS = TOKENS.length - 6;

  private static final String CHUNK_HEAD =
      "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
          + "\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":";
  private static final String CHUNK_TAIL = ",\"logprobs\":null,\"finish_reason\":null}]}";

  private Workloads() {}

  /**
   * An OpenAI Chat Completions stream of {@code events} events (at least 4): a role chunk, content chunks of one
   * token each, a finish chunk, a usage chunk ({@code stream_options.include_usage}) and {@code [DONE]}; LF line
   * endings, no ids, no names. About 230 bytes per event, as OpenAI's chunks are.
   */
  public static Input llm(int events, Chunking chunking, boolean withExpected) {
    if (events < 4) {
      throw new IllegalArgumentException("events " + events);
    }
    StringBuilder sb = new StringBuilder(events * 210);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    int contentChunks = events - 4;
    String[] data = new String[1];
    Runnable emit = () -> {
      sb.append("data: ").append(data[0]).append("\n\n");
      if (expected != null) {
        expected.add(new Event("message", data[0], ""));
      }
    };
    data[0] = CHUNK_HEAD + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}" + CHUNK_TAIL;
    emit.run();
    for (int t : tokens(contentChunks)) {
      data[0] = CHUNK_HEAD + "{\"content\":\"" + TOKENS[t] + "\"}" + CHUNK_TAIL;
      emit.run();
    }
    data[0] = CHUNK_HEAD + "{}" + CHUNK_TAIL.replace("\"finish_reason\":null", "\"finish_reason\":\"stop\"");
    emit.run();
    data[0] = CHUNK_HEAD.substring(0, CHUNK_HEAD.indexOf("\"choices\""))
        + "\"choices\":[],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":" + contentChunks
        + ",\"total_tokens\":" + (21 + contentChunks) + "}}";
    emit.run();
    data[0] = "[DONE]";
    emit.run();
    return new Input("llm " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.UTF_8), chunking, events, expected);
  }

  /**
   * An Anthropic Messages stream of {@code events} events, the same tokens as {@link #llm}: {@code message_start},
   * {@code content_block_start}, a {@code ping}, {@code events - 6} {@code text_delta}s, {@code content_block_stop},
   * then (counted with the last) {@code message_delta} and {@code message_stop}, every event named, as the API sends
   * it. Its text is {@code llmContent(events - 2)}: the same number of text deltas as {@link #llm}'s content chunks
   * at {@code events - 2}.
   */
  public static Input anthropic(int events, Chunking chunking) {
    if (events < 7) {
      throw new IllegalArgumentException("events " + events);
    }
    StringBuilder sb = new StringBuilder(events * 150);
    int deltas = events - 6;
    sb.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":21,"
        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n");
    sb.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    sb.append("event: ping\ndata: {\"type\": \"ping\"}\n\n");
    for (int t : tokens(deltas)) {
      sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"").append(TOKENS[t]).append("\"}}\n\n");
    }
    sb.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":").append(deltas).append("}}\n\n");
    sb.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    return new Input("anthropic " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.UTF_8), chunking, events, null);
  }

  /** The message text that {@link #llm} streams for {@code events} events: its tokens, JSON-unescaped. */
  public static String llmContent(int events) {
    StringBuilder sb = new StringBuilder();
    for (int t : tokens(events - 4)) {
      sb.append(TOKENS[t].replace("\\n", "\n").replace("\\\"", "\""));
    }
    return sb.toString();
  }

  /** Indexes into TOKENS; one token in twenty from the non-ASCII tail of the table. */
  private static int[] tokens(int n) {
    SplittableRandom random = new SplittableRandom(42);
    int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = random.nextInt(20) == 0
          ? ASCII_TOKENS + random.nextInt(TOKENS.length - ASCII_TOKENS)
          : random.nextInt(ASCII_TOKENS);
    }
    return tokens;
  }

  /**
   * Many small events with CRLF line endings (as sse-starlette and many proxies send): an {@code id}, an
   * {@code event} name and a short JSON {@code data} line each, about 68 bytes per event.
   */
  public static Input crlfTicks(int events, Chunking chunking, boolean withExpected) {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder sb = new StringBuilder(events * 64);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    String[] names = {"tick", "quote", "trade"};
    for (int i = 0; i < events; i++) {
      String id = Integer.toString(1_000_000 + i);
      String type = names[random.nextInt(names.length)];
      String data = "{\"seq\":" + i + ",\"px\":" + (10_000 + random.nextInt(90_000)) + ",\"q\":"
          + (1 + random.nextInt(999)) + "}";
      sb.append("id: ").append(id).append("\r\nevent: ").append(type).append("\r\ndata: ").append(data)
          .append("\r\n\r\n");
      if (expected != null) {
        expected.add(new Event(type, data, id));
      }
    }
    return new Input("crlf " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.US_ASCII), chunking, events, expected);
  }

  /**
   * One event whose data is a single line of {@code size} bytes (base64-like ASCII, as a large image or file
   * payload is sent), {@code data: ...\n\n}.
   */
  public static Input largeLine(int size, Chunking chunking, boolean withExpected) {
    byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        .getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 16);
    out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII));
    byte[] payload = new byte[size];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < size; i++) {
      payload[i] = alphabet[random.nextInt(alphabet.length)];
    }
    out.writeBytes(payload);
    out.writeBytes("\n\n".getBytes(StandardCharsets.US_ASCII));
    List<Event> expected = withExpected
        ? List.of(new Event("message", new String(payload, StandardCharsets.US_ASCII), ""))
        : null;
    return new Input("one " + size + "-byte data line, " + chunking + " buffers", out.toByteArray(), chunking, 1,
        expected);
  }

  /** The buffers of the stream shapes: random sizes from 1 to 16 KiB, as network reads of a busy stream are. */
  public static final Chunking BUFFERS_1_16K = Chunking.random(1024, 16 * 1024, 0xB16);

  /** Events per operation of each stream shape in the benchmarks (about 2 to 11 MB of input each). */
  public static final int LARGE_JSON_EVENTS = 1_000;
  /** Events per operation of {@link #multiLineCrlf}. */
  public static final int MULTI_LINE_EVENTS = 1_000;
  /** Events per operation of {@link #named}. */
  public static final int NAMED_EVENTS = 100_000;
  /** Events per operation of {@link #crComments}. */
  public static final int CR_COMMENTS_EVENTS = 100_000;

  /** Words of the generated large and multi-line texts; about one in fifteen is non-ASCII. */
  private static final String[] WORDS = {
    "the", "stream", "parser", "event", "server", "client", "buffer", "line", "value", "field", "JSON", "object",
    "array", "token", "model", "reply", "context", "window", "request", "response", "with", "from", "into", "over",
    "caf\u00e9", "na\u00efve", "\u4f60\u597d", "\ud83d\ude42", "\u00fcber", "\u2014",
  };
  private static final int ASCII_WORDS = WORDS.length - 6;

  /**
   * Large JSON events (a tool result, a document chunk, a whole output item): one {@code data} line of 2 to 20 KB
   * per event, a JSON object with a long text member (some non-ASCII words, escaped quotes and newlines) and an
   * array of numbers; LF line endings, no names, no ids.
   */
  public static Input largeJson(int events, Chunking chunking, boolean withExpected) {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder sb = new StringBuilder(events * 11_500);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    StringBuilder json = new StringBuilder(20_500);
    for (int e = 0; e < events; e++) {
      int size = random.nextInt(2_000, 20_001);
      json.setLength(0);
      json.append("{\"type\":\"response.output_item.done\",\"sequence_number\":").append(e)
          .append(",\"item\":{\"id\":\"msg_").append(Long.toHexString(random.nextLong()))
          .append("\",\"role\":\"assistant\",\"text\":\"");
      int textEnd = size - 60;
      for (int length = utf8Length(json); length < textEnd; ) {
        String word = word(random, 15);
        int r = random.nextInt(40);
        String gap = r == 0 ? "\\n" : r == 1 ? " \\\"" : r == 2 ? ", " : " ";
        json.append(word).append(gap);
        length += utf8Length(word) + gap.length();
      }
      json.append("\",\"scores\":[");
      for (int i = 0; i < 4; i++) {
        json.append(i == 0 ? "" : ",").append(random.nextInt(1000) / 1000.0);
      }
      json.append("]}}");
      String data = json.toString();
      sb.append("data: ").append(data).append("\n\n");
      if (expected != null) {
        expected.add(new Event("message", data, ""));
      }
    }
    return new Input("large JSON " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.UTF_8), chunking, events, expected);
  }

  /**
   * Multi-line events with CRLF line endings: an {@code id} on each, then 20 to 200 {@code data} lines (a log or
   * a code listing sent line by line, 20 to 100 bytes each, one line in twenty with non-ASCII words).
   */
  public static Input multiLineCrlf(int events, Chunking chunking, boolean withExpected) {
    SplittableRandom random = new SplittableRandom(13);
    StringBuilder sb = new StringBuilder(events * 7_000);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    StringBuilder data = new StringBuilder(20_000);
    StringBuilder line = new StringBuilder(128);
    for (int e = 0; e < events; e++) {
      String id = "evt-" + (5_000_000 + e);
      sb.append("id: ").append(id).append("\r\n");
      data.setLength(0);
      int lines = random.nextInt(20, 201);
      for (int l = 0; l < lines; l++) {
        line.setLength(0);
        int length = random.nextInt(20, 101);
        boolean nonAscii = random.nextInt(20) == 0;
        line.append(l % 7 == 0 ? "  " : "").append(l).append(": ");
        for (int n = line.length(); n < length; ) {
          String word = nonAscii ? word(random, 3) : WORDS[random.nextInt(ASCII_WORDS)];
          line.append(word).append(' ');
          n += utf8Length(word) + 1;
        }
        sb.append("data: ").append(line).append("\r\n");
        data.append(l == 0 ? "" : "\n").append(line);
      }
      sb.append("\r\n");
      if (expected != null) {
        expected.add(new Event("message", data.toString(), id));
      }
    }
    return new Input("multi-line CRLF " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.UTF_8), chunking, events, expected);
  }

  /**
   * Every event named, as Anthropic's Messages stream sends them: {@code event: content_block_delta} and small
   * JSON, with the other names of that stream (which share long prefixes) now and then; LF line endings.
   */
  public static Input named(int events, Chunking chunking, boolean withExpected) {
    SplittableRandom random = new SplittableRandom(17);
    StringBuilder sb = new StringBuilder(events * 150);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    String[] rare = {"content_block_start", "content_block_stop", "message_delta", "ping", "message_start"};
    List<Integer> tokens = new ArrayList<>();
    for (int t : tokens(events)) {
      tokens.add(t);
    }
    for (int e = 0; e < events; e++) {
      String type;
      String data;
      if (random.nextInt(16) == 0) {
        type = rare[random.nextInt(rare.length)];
        data = "{\"type\":\"" + type + "\",\"index\":" + (e / 1000) + "}";
      } else {
        type = "content_block_delta";
        data = "{\"type\":\"content_block_delta\",\"index\":" + (e / 1000)
            + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + TOKENS[tokens.get(e)] + "\"}}";
      }
      sb.append("event: ").append(type).append("\ndata: ").append(data).append("\n\n");
      if (expected != null) {
        expected.add(new Event(type, data, ""));
      }
    }
    return new Input("named " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.UTF_8), chunking, events, expected);
  }

  /**
   * Tiny events with bare CR line endings (as some older servers and proxies send) and comment lines between them
   * (keep-alives): {@code data: 1234\r\r}, and a {@code : ping} comment before about one event in four.
   */
  public static Input crComments(int events, Chunking chunking, boolean withExpected) {
    SplittableRandom random = new SplittableRandom(19);
    StringBuilder sb = new StringBuilder(events * 16);
    List<Event> expected = withExpected ? new ArrayList<>(events) : null;
    for (int e = 0; e < events; e++) {
      if (random.nextInt(4) == 0) {
        sb.append(": ping\r");
      }
      String data = Integer.toString(random.nextInt(100_000));
      sb.append("data: ").append(data).append("\r\r");
      if (expected != null) {
        expected.add(new Event("message", data, ""));
      }
    }
    return new Input("bare CR " + events + " events, " + chunking + " buffers",
        sb.toString().getBytes(StandardCharsets.US_ASCII), chunking, events, expected);
  }

  /** A word of {@link #WORDS}, non-ASCII about one time in {@code oneIn}. */
  private static String word(SplittableRandom random, int oneIn) {
    return random.nextInt(oneIn) == 0
        ? WORDS[ASCII_WORDS + random.nextInt(WORDS.length - ASCII_WORDS)]
        : WORDS[random.nextInt(ASCII_WORDS)];
  }

  private static int utf8Length(CharSequence text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  /** The stream shapes by name, with the number of events each has in the benchmarks. */
  public static Input shape(String name, boolean withExpected) {
    return shape(name, switch (name) {
      case "large-json" -> LARGE_JSON_EVENTS;
      case "multi-line" -> MULTI_LINE_EVENTS;
      case "named" -> NAMED_EVENTS;
      case "cr-comments" -> CR_COMMENTS_EVENTS;
      default -> throw new IllegalArgumentException("unknown shape " + name);
    }, withExpected);
  }

  /** A stream shape of {@code events} events in {@link #BUFFERS_1_16K}. */
  public static Input shape(String name, int events, boolean withExpected) {
    return switch (name) {
      case "large-json" -> largeJson(events, BUFFERS_1_16K, withExpected);
      case "multi-line" -> multiLineCrlf(events, BUFFERS_1_16K, withExpected);
      case "named" -> named(events, BUFFERS_1_16K, withExpected);
      case "cr-comments" -> crComments(events, BUFFERS_1_16K, withExpected);
      default -> throw new IllegalArgumentException("unknown shape " + name);
    };
  }

  /** The workloads of the parser benchmarks by name. */
  public static Input byName(String name, int events, boolean withExpected) {
    switch (name) {
      case "llm-4k":
        return llm(events, BUFFERS_4K, withExpected);
      case "llm-tiny":
        return llm(events, TINY, withExpected);
      case "crlf-4k":
        return crlfTicks(events, BUFFERS_4K, withExpected);
      default:
        throw new IllegalArgumentException("unknown workload " + name);
    }
  }
}
