package io.github.ssekit.client.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.testing.Firehose;
import io.github.ssekit.client.testing.RecordingSubscriber;
import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull side of {@link OpenAiChatStream} and {@link OpenAiResponsesStream}: the blocking iterator and the
 * {@link Flow.Publisher}, each ending at the protocol's end with the result after the last value, failing with the
 * typed exception, and holding the server back in TCP while the consumer takes nothing.
 */
class OpenAiPullTest {
  private static final long WAIT_SECONDS = 10;
  /** The bound on waiting for a 32 MiB transfer to end. */
  private static final long BULK_SECONDS = 120;
  private static final String TEXT = String.join("", FakeOpenAiServer.NORMAL_TEXT);
  private static final int PAD = 1000;

  private Vertx vertx;
  private FakeOpenAiServer fake;
  private ScriptedServer scripted;
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fake = await(FakeOpenAiServer.start(vertx, Duration.ZERO));
    scripted = ScriptedServer.start(vertx);
    client = client(fake.baseUrl());
  }

  @AfterEach
  void stop() throws Exception {
    await(client.closeAsync());
    scripted.close();
    await(fake.stop());
    await(vertx.close());
  }

  private OpenAiClient client(String baseUrl) {
    return OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(baseUrl).setApiKey("sk-pull")
        .setSseClientOptions(new SseClientOptions().setIdleTimeout(Duration.ofSeconds(WAIT_SECONDS))));
  }

  private static ChatRequest chat(String model) {
    return ChatRequest.builder(model).user("Hi").build();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void chunksArePulledUntilDoneAndTheResultFollowsTheLast() throws Exception {
    List<String> seenByListener = new CopyOnWriteArrayList<>();
    OpenAiChatStream stream = client.streamChat(chat("mock-normal"))
        .onDelta(ChatDeltaListener.content(seenByListener::add));
    List<ChatChunk> chunks = new ArrayList<>();
    ChatResult result;
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = stream.iterator()) {
      assertThrows(IllegalStateException.class, it::result, "no result while chunks may still come");
      it.forEachRemaining(chunks::add);
      assertFalse(it.hasNext());
      result = it.result();
    }
    assertEquals(6, chunks.size(), "role, three texts, finish, usage");
    assertEquals(TEXT, chunks.stream().map(ChatChunk::textDelta).collect(Collectors.joining()));
    assertEquals(FakeOpenAiServer.NORMAL_TEXT, seenByListener, "listeners registered before still run");
    assertEquals(TEXT, result.message().orElseThrow().content());
    assertEquals(14L, result.usage().orElseThrow().totalTokens().orElseThrow());
    assertTrue(result.doneReceived());
    assertSame(result, await(stream.result()), "the stream's result() is the same result");
  }

  @Test
  void theIteratorWorksOnAPlainAndAVirtualThreadAsAStream() throws Exception {
    Callable<String> read = () -> {
      try (OpenAiStreamIterator<ChatChunk, ChatResult> it = client.streamChat(chat("mock-normal")).iterator()) {
        return it.stream().map(ChatChunk::textDelta).collect(Collectors.joining());
      }
    };
    assertEquals(TEXT, runOn(Executors.newSingleThreadExecutor(), read));
    ExecutorService virtualThreads = virtualThreadPerTaskExecutor();
    if (virtualThreads != null) {
      assertEquals(TEXT, runOn(virtualThreads, read));
    }
  }

  @Test
  void onAnEventLoopTheIteratorIsRefusedAndNothingIsSent() throws Exception {
    IllegalStateException error = assertInstanceOf(IllegalStateException.class,
        Sink.thrownOnEventLoop(vertx, () -> client.streamChat(chat("mock-normal")).iterator()));
    assertTrue(error.getMessage().contains("event loop"), error.getMessage());
    assertEquals(List.of(), fake.requests());
  }

  @Test
  void theValuesAreTakenOnceAndBeforeTheResult() throws Exception {
    OpenAiChatStream afterResult = client.streamChat(chat("mock-normal"));
    await(afterResult.result());
    assertThrows(IllegalStateException.class, afterResult::iterator);
    assertThrows(IllegalStateException.class, afterResult::publisher);

    OpenAiChatStream twice = client.streamChat(chat("mock-normal"));
    Flow.Publisher<ChatChunk> publisher = twice.publisher();
    assertThrows(IllegalStateException.class, twice::iterator);
    assertThrows(IllegalStateException.class, twice::publisher);
    assertEquals(1, fake.requests().size(), "a publisher sends nothing before it is subscribed to");
    RecordingSubscriber<ChatChunk> first = new RecordingSubscriber<>(Long.MAX_VALUE);
    publisher.subscribe(first);
    assertEquals(6, first.awaitEnd().size());
    RecordingSubscriber<ChatChunk> second = new RecordingSubscriber<>(Long.MAX_VALUE);
    publisher.subscribe(second);
    assertInstanceOf(IllegalStateException.class, second.awaitFailure(), "one subscriber only");
  }

  @Test
  void anHttpErrorIsThrownByTheIteratorAndPublisherAsTheTypedException() throws Exception {
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = client.streamChat(chat("mock-http401")).iterator()) {
      OpenAiHttpException error = assertThrows(OpenAiHttpException.class, it::hasNext);
      assertEquals(401, error.status());
      assertFalse(it.hasNext());
      assertThrows(OpenAiHttpException.class, it::result, "a stream never accepted has no result");
    }
    RecordingSubscriber<ChatChunk> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
    client.streamChat(chat("mock-http429")).publisher().subscribe(subscriber);
    assertEquals(429, assertInstanceOf(OpenAiHttpException.class, subscriber.awaitFailure()).status());
  }

  @Test
  void aLostConnectionIsThrownAfterTheChunksThatArrivedAndTheResultKeepsThem() throws Exception {
    List<String> texts = new ArrayList<>();
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = client.streamChat(chat("mock-cut")).iterator()) {
      SseConnectionException error = assertThrows(SseConnectionException.class, () -> {
        while (it.hasNext()) {
          texts.add(it.next().textDelta());
        }
      });
      ChatResult partial = it.result();
      assertEquals("Hello from", String.join("", texts));
      assertEquals("Hello from", partial.message().orElseThrow().content());
      assertTrue(partial.truncated());
      assertSame(error, partial.errors().get(partial.errors().size() - 1));
    }
  }

  @Test
  void anIdleTimeoutIsThrownFromTheIterator() throws Exception {
    scripted.on("/v1/chat/completions", req -> ScriptedServer.eventStream(req)
        .write("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n"));
    OpenAiClient stalled = client(scripted.url("/v1"));
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = stalled.streamChat(chat("m"),
        new OpenAiRequestOptions().setIdleTimeout(Duration.ofMillis(300))).iterator()) {
      assertEquals("Hi", it.next().textDelta());
      assertThrows(SseIdleTimeoutException.class, it::hasNext);
      List<? extends Throwable> errors = it.result().errors();
      assertInstanceOf(SseIdleTimeoutException.class, errors.get(errors.size() - 1));
    } finally {
      stalled.close();
    }
  }

  @Test
  void closingTheIteratorCancelsTheStreamAndTheResultHoldsWhatArrived() throws Exception {
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = client.streamChat(chat("mock-slow")).iterator()) {
      it.next(); // the role chunk; the rest would take seconds
      it.close();
      assertFalse(it.hasNext());
      assertTrue(it.result().truncated());
    }
  }

  @Test
  void responsesEventsEndAtTheTerminalEventThoughTheBodyGoesOn() throws Exception {
    Promise<Void> connectionClosed = Promise.promise();
    scripted.on("/v1/responses", req -> {
      req.connection().closeHandler(v -> connectionClosed.tryComplete());
      ScriptedServer.eventStream(req).write(
          responsesEvent("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"r1\","
              + "\"status\":\"in_progress\",\"output\":[]}}")
          + responsesEvent("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
              + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}")
          + responsesEvent("response.output_text.delta", "{\"type\":\"response.output_text.delta\","
              + "\"output_index\":0,\"content_index\":0,\"delta\":\"lo\"}")
          + responsesEvent("response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"r1\","
              + "\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
              + "[{\"type\":\"output_text\",\"text\":\"Hello\"}]}]}}")); // and the body never ends
    });
    OpenAiClient responses = client(scripted.url("/v1"));
    try {
      ResponsesRequest request = ResponsesRequest.builder("m").input("Hi").build();
      List<String> types = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      ResponsesResult result;
      try (OpenAiStreamIterator<ResponsesEvent, ResponsesResult> it = responses.streamResponses(request).iterator()) {
        it.forEachRemaining(event -> {
          types.add(event.type());
          text.append(event.textDelta());
        });
        result = it.result();
      }
      assertEquals(List.of("response.created", "response.output_text.delta", "response.output_text.delta",
          "response.completed"), types);
      assertEquals("Hello", text.toString());
      assertFalse(result.truncated());
      await(connectionClosed.future()); // released at the terminal event

      // the listeners' result completes there too, and so does a publisher
      assertFalse(await(responses.streamResponses(request).result()).truncated());
      RecordingSubscriber<ResponsesEvent> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
      responses.streamResponses(request).publisher().subscribe(subscriber);
      assertEquals(4, subscriber.awaitEnd().size());
    } finally {
      responses.close();
    }
  }

  @Test
  void anIteratorThatStopsTakingHoldsTheServerBackInTcpAndLosesNothing() throws Exception {
    int total = 32 * 1024; // 32 MiB of chunks
    Firehose hose = new Firehose(chatChunks(total), true);
    scripted.on("/v1/chat/completions", req -> hose.pump(ScriptedServer.eventStream(req)));
    OpenAiClient firehose = client(scripted.url("/v1"));
    try (OpenAiStreamIterator<ChatChunk, ChatResult> it = firehose.streamChat(chat("m")).iterator()) {
      assertEquals("0", it.next().textDelta().substring(PAD));
      hose.awaitBlocked(Duration.ofSeconds(WAIT_SECONDS));
      long writtenWhileStopped = hose.written.get();
      assertTrue(writtenWhileStopped < 16L * 1024 * 1024, "the server wrote " + writtenWhileStopped
          + " bytes to a client that took one chunk: the iterator's demand did not reach TCP");

      int count = 1;
      while (it.hasNext()) {
        ChatChunk chunk = it.next();
        if (count % 997 == 0) {
          assertEquals(String.valueOf(count), chunk.textDelta().substring(PAD), "in order, none lost");
        }
        count++;
      }
      assertEquals(total, count);
      ChatResult result = it.result();
      assertTrue(result.doneReceived());
      assertEquals(contentLength(total), result.message().orElseThrow().content().length());
    } finally {
      firehose.close();
    }
  }

  @Test
  void aSubscriberThatStopsRequestingHoldsTheServerBackAndCompletesAtDone() throws Exception {
    int total = 32 * 1024;
    Firehose hose = new Firehose(chatChunks(total), true);
    scripted.on("/v1/chat/completions", req -> hose.pump(ScriptedServer.eventStream(req)));
    OpenAiClient firehose = client(scripted.url("/v1"));
    try {
      OpenAiChatStream stream = firehose.streamChat(chat("m"));
      RecordingSubscriber<ChatChunk> subscriber = new RecordingSubscriber<>(1);
      stream.publisher().subscribe(subscriber);
      subscriber.awaitItems(1);
      hose.awaitBlocked(Duration.ofSeconds(WAIT_SECONDS));
      assertTrue(hose.written.get() < 16L * 1024 * 1024, "the server wrote " + hose.written.get()
          + " bytes to a subscriber that requested one chunk");
      assertEquals(1, subscriber.items.size(), "nothing beyond the demand");

      subscriber.request(Long.MAX_VALUE);
      // 32 MiB through the client: seconds on a quiet machine, many more on a loaded one
      assertEquals(total, subscriber.awaitEnd(BULK_SECONDS).size());
      assertEquals(contentLength(total), await(stream.result()).message().orElseThrow().content().length());
    } finally {
      firehose.close();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private static String responsesEvent(String name, String json) {
    return "event: " + name + "\ndata: " + json + "\n\n";
  }

  /** Numbered chat chunks of about 1 KiB ({@link #PAD} characters and the number as content), then {@code [DONE]}. */
  private static Iterator<String> chatChunks(int total) {
    return IntStream.rangeClosed(0, total).mapToObj(i -> i == total ? "data: [DONE]\n\n"
        : "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(PAD) + i + "\"}}]}\n\n")
        .iterator();
  }

  /** The content of {@link #chatChunks}'s {@code total} chunks, in characters. */
  private static long contentLength(int total) {
    return IntStream.range(0, total).mapToLong(i -> PAD + String.valueOf(i).length()).sum();
  }

  private static <T> T runOn(ExecutorService executor, Callable<T> task) throws Exception {
    try {
      return executor.submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      executor.shutdown();
    }
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21 and later (the code compiles for 17), else null. */
  private static ExecutorService virtualThreadPerTaskExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
