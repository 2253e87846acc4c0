package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.Input;
import io.netty.buffer.Unpooled;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Vert.x 5's {@code BodyCodec.sseStream} (vertx-web-common), written to as WebClient writes a response body: one
 * Buffer per received buffer, wrapping the bytes without a copy (as Netty's do), then {@code end()}.
 */
public final class VertxAdapter implements SseAdapter {

  @Override
  public String name() {
    return "vertx";
  }

  @Override
  public void parse(Input input, EventSink sink) throws Exception {
    BodyCodec<Void> codec = BodyCodec.sseStream(events -> events.handler(e -> sink.event(e.event(), e.data(), e.id())));
    BodyStream<Void> stream = codec.stream();
    byte[] bytes = input.bytes();
    for (int i = 0, n = input.chunks(); i < n; i++) {
      int start = input.start(i);
      stream.write(BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, start, input.end(i) - start)));
    }
    stream.end();
  }
}
