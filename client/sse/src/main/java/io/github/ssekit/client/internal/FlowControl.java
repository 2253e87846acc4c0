package io.github.ssekit.client.internal;

import io.vertx.core.streams.ReadStream;

/**
 * Reads a response with hysteresis instead of one {@code fetch(1)} per chunk (each of which costs Vert.x an
 * event-loop task): the response flows while fewer than {@code maxPendingEvents} events wait, is paused once that
 * many do, and resumes when at most half of them are left. A consumer that keeps up empties the queue within each
 * chunk's pump, so its response is resumed once and never paused. Confined to the stream's event loop.
 *
 * <p>The bound: a chunk is delivered only while the response flows, so with fewer than {@code maxPendingEvents}
 * events waiting; its events are all parsed, and Vert.x delivers no further chunk once {@code pause()} returns (it
 * takes effect between chunks, synchronously). So at most {@code maxPendingEvents - 1} plus the events one chunk
 * completes wait; more only on a failed connection, whose already-received chunks are all taken.
 */
final class FlowControl {
  private final int highWaterMark;
  private final int lowWaterMark;
  private ReadStream<?> response;
  private boolean paused;
  private int pauses;
  private int resumes;

  FlowControl(int maxPendingEvents) {
    this.highWaterMark = maxPendingEvents;
    this.lowWaterMark = maxPendingEvents / 2;
  }

  /** Takes over a new response, paused: nothing is read before a consumer is attached and the queue has room. */
  void attach(ReadStream<?> response) {
    response.pause();
    this.response = response;
    paused = true;
  }

  /**
   * After the queue changed: pauses the response at the high-water mark, resumes it at the low one. Nothing is
   * read before a consumer is attached, so no warning or reconnection goes unobserved.
   */
  void update(int queued, boolean consumerAttached) {
    if (response == null) {
      return;
    }
    if (paused) {
      if (consumerAttached && queued <= lowWaterMark) {
        paused = false;
        resumes++;
        response.resume();
      }
    } else if (queued >= highWaterMark) {
      paused = true;
      pauses++;
      response.pause();
    }
  }

  /**
   * Lets go of a failed response, resumed so that Vert.x hands over the chunks it still holds, and not paused again
   * before they are all in.
   *
   * @return whether there was a response
   */
  boolean release() {
    ReadStream<?> released = response;
    response = null;
    if (released == null) {
      return false;
    }
    released.resume();
    return true;
  }

  /** Forgets the response: it ended, failed or was cancelled. */
  void detach() {
    response = null;
  }

  /** How often a response was paused, over all the stream's connections. */
  int pauses() {
    return pauses;
  }

  /** How often a response was resumed, over all the stream's connections. */
  int resumes() {
    return resumes;
  }
}
