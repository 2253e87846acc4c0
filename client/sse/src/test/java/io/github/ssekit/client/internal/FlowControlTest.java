package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import org.junit.jupiter.api.Test;

class FlowControlTest {

  /** A response that only records whether it flows. */
  private static final class Response implements ReadStream<Object> {
    boolean flowing = true;
    int pauses;
    int resumes;

    @Override
    public ReadStream<Object> pause() {
      flowing = false;
      pauses++;
      return this;
    }

    @Override
    public ReadStream<Object> resume() {
      flowing = true;
      resumes++;
      return this;
    }

    @Override
    public ReadStream<Object> fetch(long amount) {
      throw new AssertionError("flow control never fetches per chunk");
    }

    @Override
    public ReadStream<Object> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> handler(Handler<Object> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }

  private final FlowControl flow = new FlowControl(16);
  private final Response response = new Response();

  @Test
  void aNewResponseIsPausedUntilAConsumerIsAttached() {
    flow.attach(response);
    assertFalse(response.flowing);
    flow.update(0, false);
    assertFalse(response.flowing, "nothing is read before a consumer is attached");
    flow.update(0, true);
    assertTrue(response.flowing);
    assertEquals(0, flow.pauses());
    assertEquals(1, flow.resumes());
  }

  @Test
  void pausesAtTheHighWaterMarkAndResumesAtHalf() {
    flow.attach(response);
    flow.update(0, true);
    for (int queued = 0; queued < 16; queued++) {
      flow.update(queued, true);
      assertTrue(response.flowing, "flows below the high-water mark: " + queued);
    }
    flow.update(16, true);
    assertFalse(response.flowing, "paused at maxPendingEvents");
    for (int queued = 20; queued > 8; queued--) {
      flow.update(queued, true);
      assertFalse(response.flowing, "stays paused above half: " + queued);
    }
    flow.update(8, true);
    assertTrue(response.flowing, "resumed at half");
    assertEquals(1, flow.pauses());
    assertEquals(2, flow.resumes());
  }

  @Test
  void aConsumerThatKeepsUpCostsNoPauseOrResume() {
    flow.attach(response);
    for (int chunk = 0; chunk < 1000; chunk++) {
      flow.update(0, true); // each chunk's events are taken within its own pump
    }
    assertEquals(1, response.pauses, "the pause of attach() only");
    assertEquals(1, response.resumes);
  }

  @Test
  void anOddMaximumResumesAtHalfRoundedDown() {
    FlowControl odd = new FlowControl(5);
    odd.attach(response);
    odd.update(3, true);
    assertFalse(response.flowing, "3 > 5 / 2");
    odd.update(2, true);
    assertTrue(response.flowing);
  }

  @Test
  void releaseResumesAFailedResponseOnceAndForgetsIt() {
    flow.attach(response);
    assertTrue(flow.release());
    assertTrue(response.flowing, "Vert.x hands over the chunks it holds");
    flow.update(100, true);
    assertTrue(response.flowing, "never paused again once released");
    assertFalse(flow.release(), "nothing left to release");
    assertEquals(0, flow.resumes(), "not a resume of the flow control");
  }

  @Test
  void aDetachedResponseIsLeftAlone() {
    flow.attach(response);
    flow.detach();
    flow.update(0, true);
    assertFalse(response.flowing);
    assertFalse(flow.release());
  }

  @Test
  void countsAddUpOverConnections() {
    flow.attach(response);
    flow.update(0, true);
    flow.update(16, true);
    Response next = new Response();
    flow.attach(next);
    flow.update(0, true);
    assertTrue(next.flowing);
    assertEquals(1, flow.pauses());
    assertEquals(2, flow.resumes());
  }
}
