package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.Input;
import java.nio.ByteBuffer;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import reactor.core.publisher.Flux;

/**
 * Spring WebFlux's {@link ServerSentEventHttpMessageReader} (spring-web), reading {@code ServerSentEvent<String>}
 * from a response whose body is a Flux of one DataBuffer per input buffer (wrapping, not copying), as WebClient
 * calls it. Its per-event limit is raised from 256 KiB to the common limit.
 */
public final class SpringAdapter implements SseAdapter {

  private static final ResolvableType TYPE = ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class);
  private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

  @Override
  public String name() {
    return "spring";
  }

  @Override
  public void parse(Input input, EventSink sink) {
    ServerSentEventHttpMessageReader reader = new ServerSentEventHttpMessageReader();
    reader.setMaxInMemorySize(MAX_EVENT_BYTES);
    byte[] bytes = input.bytes();
    Flux<DataBuffer> body = Flux.range(0, input.chunks())
        .map(i -> BUFFERS.wrap(ByteBuffer.wrap(bytes, input.start(i), input.end(i) - input.start(i))));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_EVENT_STREAM);
    ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
      @Override
      public Flux<DataBuffer> getBody() {
        return body;
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
    reader.read(TYPE, message, Map.of())
        .doOnNext(o -> {
          ServerSentEvent<?> e = (ServerSentEvent<?>) o;
          sink.event(e.event(), (String) e.data(), e.id());
        })
        .blockLast();
  }
}
