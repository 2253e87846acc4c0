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
