package com.example.verticle;

import io.github.ssekit.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Deploys {@link SseReaderVerticle}, prints the events it read, undeploys it and closes Vert.x. */
public final class Main {

  private static final long TIMEOUT_SECONDS = 30;

  private Main() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("process ended")));
    Vertx vertx = Vertx.vertx();
    try {
      SseReaderVerticle verticle = new SseReaderVerticle();
      String deploymentId = await(vertx.deployVerticle(verticle));
      List<SseEvent> events = await(verticle.received());
      for (SseEvent event : events) {
        System.out.println("event " + event.type() + " id=" + event.lastEventId() + " data=" + event.data());
      }
      await(vertx.undeploy(deploymentId));
      System.out.println("undeployed; deployments left: " + vertx.deploymentIDs().size());
    } finally {
      await(vertx.close());
    }
    System.out.println("closed");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
