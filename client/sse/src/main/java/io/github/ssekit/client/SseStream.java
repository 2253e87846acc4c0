package io.github.ssekit.client;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * A stream of parsed Server-Sent Events with backpressure, across reconnections.
 *
 * <p>As a Vert.x {@link ReadStream}: events flow once a {@link #handler} is set (before that the stream reads
 * nothing and does not act on a lost connection, so set the other handlers first); {@link #pause()} and
 * {@link #fetch(long)} control the flow. Demand reaches the connection: while the consumer does not ask for
 * events, at most {@link SseClientOptions#setMaxPendingEvents} parsed events (plus those of one received chunk)
 * are held, then the stream stops reading and TCP flow control holds the server back. Handlers run on the
 * stream's Vert.x event loop; the methods may be called from any thread.
 *
 * <p>The stream ends ({@link #endHandler}) when the body ends and the stream is not resumable, or when the
 * server answers 204. It fails ({@link #exceptionHandler}, then nothing more) with an {@link SseException}:
 * {@link HttpStatusException} and its subtypes, {@link SseIdleTimeoutException}, {@link SseConnectionException}.
 * The end or the failure comes after every event received before it, once a handler is set.
 *
 * <p>A resumable stream (GET by default) reconnects when the body ends or the connection fails: it waits the
 * server's {@code retry} or the configured delay, with exponential backoff and jitter, and sends
 * {@code Last-Event-ID}. Each reconnection is reported to {@link #reconnectHandler} first. Nothing is lost or
 * repeated: an event cut off by the disconnection was never delivered, and the server resumes after the last
 * event ID.
 *
 * <p>Besides the {@code ReadStream} methods, consume it as a {@link #publisher() Flow.Publisher} or with a
 * {@link #iterator() blocking iterator}; use one way only. Cancel a stream you abandon: its connection is held
 * until it ends or is cancelled.
 */
public interface SseStream extends ReadStream<SseEvent> {

  @Override
  SseStream handler(Handler<SseEvent> handler);

  @Override
  SseStream pause();

  @Override
  SseStream resume();

  @Override
  SseStream fetch(long amount);

  @Override
  SseStream endHandler(Handler<Void> endHandler);

  /** Receives the terminal failure of the stream (an {@link SseException}); nothing follows it. */
  @Override
  SseStream exceptionHandler(Handler<Throwable> handler);

  /** Receives each reconnection when it is scheduled, before its delay. */
  SseStream reconnectHandler(Handler<ReconnectAttempt> handler);

  /**
   * Receives problems the stream survived, such as an event over the size limit
   * ({@link io.github.ssekit.sse.SseEventTooLargeException}) that was dropped.
   */
  SseStream warningHandler(Handler<SseException> handler);

  /**
   * Cancels the stream: the request is cancelled (on HTTP/1.1 its connection is closed, which frees its pool
   * slot), pending events are discarded, no reconnection happens and no handler is called any more.
   */
  Future<Void> cancel();

  /** The last event ID received so far ({@code ""} when none): what a reconnection sends as {@code Last-Event-ID}. */
  String lastEventId();

  /** The headers of the response currently streaming (the latest accepted one after reconnections). */
  MultiMap responseHeaders();

  /** How many times the request was sent again before the stream was accepted ({@link SseClientOptions#setMaxRetries}). */
  int retries();

  /**
   * The status and headers of the response currently streaming, with the retries it took, as a transport-free
   * value a protocol result can carry; credentials the request sent and {@code Set-Cookie} values are redacted.
   */
  ResponseMetadata responseMetadata();

  /**
   * This stream as a {@link Flow.Publisher} that accepts one subscriber: {@code request(n)} is
   * {@link #fetch(long)}, {@code cancel()} is {@link #cancel()}; the stream's end completes the subscriber and its
   * failure errors it.
   */
  Flow.Publisher<SseEvent> publisher();

  /** This stream as a blocking iterator (see {@link EventIterator}). */
  EventIterator iterator();

  /**
   * This stream as a sequential {@link Stream} over {@link #iterator()}; closing it cancels this stream. Blocks,
   * so never use it on an event loop.
   */
  @Override
  Stream<SseEvent> blockingStream();
}
