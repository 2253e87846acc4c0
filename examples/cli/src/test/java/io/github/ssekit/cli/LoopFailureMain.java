package io.github.ssekit.cli;

import io.vertx.core.Vertx;
import java.util.Arrays;

/**
 * {@code ssekit ARGS} with a failure forced on a Vert.x event loop while the command runs: {@code error ARGS} throws
 * an {@link OutOfMemoryError} there, {@code exception ARGS} an {@link IllegalStateException}. For the child JVMs of
 * {@link HostileServerCliTest}.
 */
public final class LoopFailureMain {
  private LoopFailureMain() {}

  public static void main(String[] args) {
    boolean error = args[0].equals("error");
    Vertx vertx = Vertx.vertx();
    vertx.setTimer(300, t -> {
      if (error) {
        throw new OutOfMemoryError("forced by the test on " + Thread.currentThread().getName());
      }
      throw new IllegalStateException("forced by the test on " + Thread.currentThread().getName());
    });
    SsekitCommand.main(Arrays.copyOfRange(args, 1, args.length));
  }
}
