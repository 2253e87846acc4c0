package io.github.ssekit.openai.responses;

import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolStream;
import java.util.Objects;

/**
 * A whole Responses API stream in one object: bytes in ({@link #feed}), the assembled {@link ResponsesResult}
 * out ({@link #end}). A typed facade, sse-core's {@link ProtocolStream}, over a {@link ProtocolConversation} with
 * the {@link ResponsesProtocol}, a {@link ResponsesAccumulator} and {@link StrictModeException} as the strict-mode
 * refusal, the driver the client runs. Not thread-safe.
 */
public final class ResponsesStream
    extends ProtocolStream<ResponsesStream, ResponsesEvent, ResponsesResult, ResponsesAccumulator> {

  private ResponsesStream(Builder builder, ResponsesAccumulator accumulator) {
    super(builder, accumulator);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static ResponsesResult decode(byte[]... chunks) {
    return builder().build().decodeAll(chunks);
  }

  /**
   * Options of a {@link ResponsesStream}: those of every protocol stream ({@link ProtocolStream.Builder}: strict
   * mode, listeners, limits) and the delta listener.
   */
  public static final class Builder extends ProtocolStream.Builder<Builder, ResponsesEvent> {
    private ResponsesDeltaListener deltas = ResponsesDeltaListener.NONE;

    private Builder() {
      super(ResponsesProtocol.lenient(), StrictModeException::new);
    }

    /** Sees each text, reasoning, refusal and argument fragment as it arrives. */
    public Builder deltas(ResponsesDeltaListener deltas) {
      this.deltas = Objects.requireNonNull(deltas, "deltas");
      return this;
    }

    /** A new stream. */
    public ResponsesStream build() {
      return new ResponsesStream(this, new ResponsesAccumulator(deltas, diagnosticLimits()));
    }
  }
}
