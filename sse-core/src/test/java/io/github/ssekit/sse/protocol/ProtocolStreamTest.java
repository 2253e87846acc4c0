package io.github.ssekit.sse.protocol;

import static io.github.ssekit.sse.protocol.ProtocolConversationTest.stream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol stream facade and the accumulator base with the toy protocol of {@link ProtocolConversationTest}
 * (data {@code odd} is a value with a diagnostic, {@code end} the end marker, {@code boom} an error), no protocol
 * module involved: what a protocol module gets by giving only its protocol, refusal, accumulator and own options.
 */
class ProtocolStreamTest {

  /** What a words stream produced. */
  record Sentence(String text, List<String> errors, long errorsNotKept, List<String> diagnosticCodes,
      boolean truncated) {}

  /**
   * Joins the words; finds a diagnostic of its own for an empty word and, at the end, for a missing end marker:
   * only what is this protocol's, the rest is the base's.
   */
  static final class Words extends AbstractStreamAccumulator<String, Sentence> {
    private final StringBuilder text = new StringBuilder();
    private boolean ended;
    private int completions;

    Words(DiagnosticLimits limits) {
      super(limits);
    }

    Words(DiagnosticLimits limits, StreamErrors errors) {
      super(limits, errors);
    }

    @Override
    public void onValue(String word) {
      if (word.isEmpty()) {
        found(Diagnostic.of("words.empty", "an empty word", ""));
      }
      text.append(word).append(' ');
    }

    @Override
    public void onEnd() {
      ended = true;
    }

    @Override
    protected Sentence complete(SseException failure) {
      completions++;
      if (!ended && errors().isEmpty()) {
        found(Diagnostic.of("words.no-end", "no end marker", ""));
      }
      if (failure != null) {
        errors().addLast(failure);
      }
      return new Sentence(text.toString().strip(), errors().kept().stream().map(this::describe).toList(),
          errors().notKept(), diagnostics().summaries().stream().map(s -> s.first().code()).toList(), !ended);
    }

    private String describe(SseException error) {
      return error instanceof StrictMode.Refusal refusal ? "refused " + refusal.diagnostic().code()
          : error.getMessage();
    }
  }

  /** The facade of the words protocol: its builder adds one option of its own. */
  static final class WordsStream extends ProtocolStream<WordsStream, String, Sentence, Words> {

    private WordsStream(Builder builder, Words accumulator) {
      super(builder, accumulator);
    }

    static Builder builder() {
      return new Builder();
    }

    static Sentence decode(byte[]... chunks) {
      return builder().build().decodeAll(chunks);
    }

    static final class Builder extends ProtocolStream.Builder<Builder, String> {
      private int maxErrors = -1;

      private Builder() {
        super(ProtocolConversationTest.TOY, ProtocolConversationTest.ToyRefusal::new);
      }

      /** This protocol's own option: errors kept by a limit of their own. */
      Builder maxErrors(int maxErrors) {
        this.maxErrors = maxErrors;
        return this;
      }

      WordsStream build() {
        return new WordsStream(this, maxErrors < 0 ? new Words(diagnosticLimits())
            : new Words(diagnosticLimits(), new StreamErrors(maxErrors)));
      }
    }
  }

  @Test
  void decode_feedsEveryChunkAndEnds() {
    byte[] whole = stream("hello", "odd", "world", "end");
    Sentence result = WordsStream.decode(java.util.Arrays.copyOfRange(whole, 0, 9),
        java.util.Arrays.copyOfRange(whole, 9, whole.length));
    assertEquals(new Sentence("hello odd world", List.of(), 0, List.of("toy.odd"), false), result);
  }

  @Test
  void builderOptions_returnTheProtocolsBuilder_andReachTheConversation() {
    List<String> values = new ArrayList<>();
    List<String> firsts = new ArrayList<>();
    List<String> every = new ArrayList<>();
    List<String> named = new ArrayList<>();
    // each common option returns WordsStream.Builder, so the protocol's own option chains after it
    WordsStream stream = WordsStream.builder()
        .strict(false)
        .listener(values::add)
        .onDiagnostic(d -> firsts.add(d.code()))
        .onEveryDiagnostic(d -> every.add(d.code()))
        .on("progress", e -> named.add(e.data()))
        .maxEventBytes(64)
        .diagnosticLimits(DiagnosticLimits.DEFAULT)
        .maxErrors(5)
        .build();
    WordsStream same = stream.feed(stream("a", "odd", "odd", "", "end"))
        .feed("event: progress\ndata: 50%\n\n".getBytes(StandardCharsets.UTF_8));
    assertSame(stream, same);
    byte[] tooLong = stream("x".repeat(100));
    stream.feed(tooLong, 0, tooLong.length);
    Sentence result = stream.end();
    assertEquals(List.of("a", "odd", "odd", ""), values);
    assertEquals(List.of("toy.odd", "words.empty"), firsts, "listeners: once per code");
    assertEquals(List.of("toy.odd", "toy.odd", "words.empty"), every);
    assertEquals(List.of("50%"), named);
    assertEquals("a odd odd", result.text());
    assertEquals(1, result.errors().size(), "the event over 64 bytes, dropped and recorded");
    assertInstanceOf(SseException.class, stream.accumulator().errors().kept().get(0));
    assertSame(result, stream.end(), "the first end decides");
    assertThrows(IllegalStateException.class, () -> stream.feed(stream("late")));
  }

  @Test
  void strict_refusesEveryDiagnosticOnce_withTheProtocolsRefusal() {
    Sentence result = WordsStream.builder().strict(true).build().feed(stream("a", "odd", "", "end")).end();
    assertEquals("a", result.text(), "the odd word is withheld; the empty one is the accumulator's own finding");
    assertEquals(List.of("refused toy.odd", "refused words.empty"), result.errors());
    assertEquals(List.of("toy.odd", "words.empty"), result.diagnosticCodes());
  }

  @Test
  void fail_keepsWhatArrived_andTheFailureIsTheLastError() {
    WordsStream stream = WordsStream.builder().build();
    stream.feed(stream("a", "boom", "b"));
    Sentence cut = stream.fail(new SseException("connection lost"));
    assertEquals(new Sentence("a b", List.of("boom", "connection lost"), 0, List.of(), true), cut);
    assertSame(cut, stream.end(), "the failure decided");
    assertSame(cut, stream.cancel());
    assertEquals(1, stream.accumulator().completions, "the result is made once");
    assertThrows(NullPointerException.class, () -> stream.fail(null));
  }

  @Test
  void cancel_isTheResultOfWhatArrived() {
    WordsStream stream = WordsStream.builder().build();
    stream.feed(stream("a"));
    Sentence stopped = stream.cancel();
    assertEquals(new Sentence("a", List.of(), 0, List.of("words.no-end"), true), stopped);
    assertTrue(stream.conversation().isOver());
    assertSame(stopped, stream.accumulator().finish(new SseException("later")), "the accumulator decided once");
  }

  @Test
  void conversation_takesEventsFromAParserOfItsOwn() {
    WordsStream stream = WordsStream.builder().build();
    SseParser parser = SseParser.builder().handler(stream.conversation()).build();
    parser.feed(stream("x", "end"));
    assertTrue(stream.conversation().endReceived());
    assertEquals("x", stream.end().text());
  }

  @Test
  void errors_areBoundedByTheDiagnosticLimits_orByTheirOwnLimit() {
    byte[] booms = stream("boom", "boom", "boom", "boom");
    Sentence bounded = WordsStream.builder().diagnosticLimits(new DiagnosticLimits(1, 2)).build().feed(booms).end();
    assertEquals(List.of("boom", "boom"), bounded.errors());
    assertEquals(2, bounded.errorsNotKept());
    Sentence all = WordsStream.builder().diagnosticLimits(new DiagnosticLimits(1, 2)).maxErrors(Integer.MAX_VALUE)
        .build().feed(booms).end();
    assertEquals(4, all.errors().size());
    assertEquals(0, all.errorsNotKept());
  }

  @Test
  void accumulator_recordsWhatItIsGiven_andTellsTheObserverWhatItFinds() {
    Words words = new Words(DiagnosticLimits.DEFAULT);
    List<String> found = new ArrayList<>();
    words.onFoundDiagnostic(d -> found.add(d.code()));
    words.onDiagnostic(Diagnostic.of("words.given", "given", ""));
    words.onValue("");
    words.onError(new SseException("e"));
    assertEquals(List.of("words.empty"), found, "only what it found itself");
    assertEquals(1, words.diagnostics().count("words.given"));
    assertEquals(1, words.diagnostics().count("words.empty"));
    Sentence result = words.finish();
    assertEquals(List.of("e"), result.errors());
    assertFalse(found.contains("words.no-end"), "an error says why the end marker is missing");
    assertThrows(NullPointerException.class, () -> words.onFoundDiagnostic(null));
    assertThrows(NullPointerException.class, () -> new Words(DiagnosticLimits.DEFAULT, null));
  }
}
