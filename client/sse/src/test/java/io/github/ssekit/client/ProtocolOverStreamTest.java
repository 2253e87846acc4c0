package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.client.testing.UpperCaseProtocol;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How a protocol client (OpenAiClient, OpenCodeClient) sits on the transport: events into a ProtocolDispatcher. */
class ProtocolOverStreamTest extends LoopbackTest {

  @Test
  void aPostStreamFeedsAProtocolDispatcherAndItsEndMarkerCancelsTheStream() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    server.on("/v1/chat/completions", req -> {
      req.connection().closeHandler(v -> closed.complete(null));
      // a provider that keeps the connection open after [DONE]
      eventStream(req).write("data: hel\n\nevent: vendor.progress\ndata: 50%\n\ndata: lo\n\ndata: [DONE]\n\n");
    });
    SseStream stream = await(client().connect(
        SseRequest.post(server.url("/v1/chat/completions")).body("{\"stream\":true}").build()));

    List<String> values = new CopyOnWriteArrayList<>();
    List<String> diagnostics = new CopyOnWriteArrayList<>();
    ProtocolDispatcher<String> dispatcher = new ProtocolDispatcher<>(new UpperCaseProtocol(),
        new ProtocolListener<String>() {
          @Override
          public void onValue(String value) {
            values.add(value);
          }

          @Override
          public void onDiagnostic(Diagnostic diagnostic) {
            diagnostics.add(diagnostic.code());
          }

          @Override
          public void onEnd() {
            stream.cancel();
          }
        });
    stream.handler(dispatcher::onEvent);

    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of("HEL", "LO"), values);
    assertEquals(List.of(Diagnostic.IGNORED_EVENT), diagnostics);
  }
}
