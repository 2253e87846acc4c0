package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one pipeline of an OpenAI stream, for Chat Completions and Responses alike: an {@link SseClient} POST stream
 * whose events go through a {@link ProtocolDispatcher} to the accumulator and then to the caller's listeners; the
 * result future completes when the stream ends, is cancelled, or breaks.
 *
 * <p>All state changes after {@link #result} happen on one Vert.x context: the stream's.
 *
 * @param <T> the protocol's value type
 * @param <R> the assembled result
 */
public final class OpenAiStreamCall<T, R> {

  /** What assembles the result of one stream: a fresh accumulator. */
  public interface Assembly<T, R> {
    /** The accumulator, as the dispatcher's first listener. */
    ProtocolListener<T> listener();

    /** Ends the stream and returns the result. */
    R finish();

    /** {@code result} with {@code error} appended to its errors (the stream broke after it was accepted). */
    R withError(R result, SseException error);

    /** The diagnostics of {@code result}, in order. */
    List<Diagnostic> diagnostics(R result);
  }

  private final OpenAiClientImpl owner;
  private final Vertx vertx;
  private final SseClient sse;
  private final SseRequest request;
  private final SseProtocol<T> protocol;

  // registered before the start, read on the context afterwards
  private Handler<T> valueHandler;
  private Handler<Diagnostic> diagnosticHandler;
  private final Map<String, Handler<SseEvent>> named = new LinkedHashMap<>();

  // guarded by this until the start
  private boolean started;
  private boolean cancelRequested;
  private Context context;
  private Promise<R> promise;

  // on the context
  private Assembly<T, R> assembly;
  private SseStream stream;
  private boolean finished;
  private long received;
  private final List<Diagnostic> emitted = new ArrayList<>();

  OpenAiStreamCall(OpenAiClientImpl owner, Vertx vertx, SseClient sse, SseRequest request, SseProtocol<T> protocol) {
    this.owner = owner;
    this.vertx = vertx;
    this.sse = sse;
    this.request = request;
    this.protocol = protocol;
  }

  /** Sets the handler of decoded values. */
  public synchronized void valueHandler(Handler<T> handler) {
    checkNotStarted();
    this.valueHandler = handler;
  }

  /** Sets the handler of diagnostics. */
  public synchronized void diagnosticHandler(Handler<Diagnostic> handler) {
    checkNotStarted();
    this.diagnosticHandler = handler;
  }

  /** Sets the handler of events named {@code eventName}. */
  public synchronized void named(String eventName, Handler<SseEvent> handler) {
    checkNotStarted();
    named.put(Objects.requireNonNull(eventName, "eventName"), Objects.requireNonNull(handler, "handler"));
  }

  /** Throws when the stream was already started. */
  public synchronized void checkNotStarted() {
    if (started) {
      throw new IllegalStateException("register listeners before result(): the request was already sent");
    }
  }

  /** Sends the request on the first call; the future of the result. */
  public synchronized Future<R> result(Supplier<Assembly<T, R>> assemblies) {
    if (!started) {
      started = true;
      promise = Promise.promise();
      context = vertx.getOrCreateContext();
      Assembly<T, R> fresh = assemblies.get();
      owner.opened(this);
      boolean cancelled = cancelRequested;
      context.runOnContext(v -> {
        assembly = fresh;
        if (cancelled) {
          complete(null);
        } else {
          connect();
        }
      });
    }
    return promise.future();
  }

  /** Cancels the stream; the result completes with what arrived. */
  public void cancel() {
    Context ctx;
    synchronized (this) {
      cancelRequested = true;
      ctx = context;
    }
    if (ctx != null) {
      ctx.runOnContext(v -> {
        if (!finished) {
          if (stream != null) {
            stream.cancel();
          }
          complete(null);
        }
      });
    }
  }

  private void connect() {
    sse.connect(request).onComplete(ar -> onContext(() -> {
      if (ar.failed()) {
        fail(mapFailure(ar.cause()));
        return;
      }
      SseStream accepted = ar.result();
      if (finished) {
        accepted.cancel();
        return;
      }
      stream = accepted;
      ProtocolDispatcher<T> dispatcher = new ProtocolDispatcher<>(protocol, fanOut(assembly.listener(), caller()));
      named.forEach((name, handler) -> dispatcher.on(name, handler::handle));
      accepted.exceptionHandler(err -> complete(err instanceof SseException e ? e
              : new SseException("the stream failed: " + err, err)))
          .warningHandler(warning -> guarded(() -> dispatcher.onError(warning)))
          .endHandler(v -> complete(null))
          .handler(event -> guarded(() -> {
            received += event.data().length();
            if (received > owner.maxResponseSize()) {
              // the result grows with the stream: stop a server that never does
              accepted.cancel();
              complete(new SseException("the response is larger than maxResponseSize (" + owner.maxResponseSize()
                  + " characters of event data): the stream was cancelled"));
              return;
            }
            dispatcher.onEvent(event);
          }));
    }));
  }

  private void onContext(Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  private Throwable mapFailure(Throwable failure) {
    if (failure instanceof HttpStatusException status && !(failure instanceof UnexpectedContentTypeException)) {
      return OpenAiErrors.httpException(request, status);
    }
    return failure;
  }

  /** The caller's listeners as one protocol listener (after the accumulator). */
  private ProtocolListener<T> caller() {
    return new ProtocolListener<>() {
      @Override
      public void onValue(T value) {
        if (valueHandler != null) {
          valueHandler.handle(value);
        }
      }

      @Override
      public void onDiagnostic(Diagnostic diagnostic) {
        emitted.add(diagnostic);
        if (diagnosticHandler != null) {
          diagnosticHandler.handle(diagnostic);
        }
      }

      @Override
      public void onEnd() {
        // the protocol's end marker ([DONE]): some servers keep the connection open after it, so release it now
        if (stream != null) {
          stream.cancel();
        }
        complete(null);
      }
    };
  }

  private void guarded(Runnable task) {
    if (finished) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      if (stream != null) {
        stream.cancel();
      }
      fail(e);
    }
  }

  private void fail(Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    owner.closed(this);
    promise.tryFail(failure);
  }

  /** Completes with the assembled result; {@code broken} is a transport failure after the stream was accepted. */
  private void complete(SseException broken) {
    if (finished) {
      return;
    }
    finished = true;
    owner.closed(this);
    R result;
    try {
      result = assembly.finish();
      if (broken != null) {
        result = assembly.withError(result, broken);
      }
      if (diagnosticHandler != null) {
        for (Diagnostic d : unseen(assembly.diagnostics(result))) {
          diagnosticHandler.handle(d);
        }
      }
    } catch (RuntimeException e) {
      promise.tryFail(e);
      return;
    }
    promise.tryComplete(result);
  }

  /** The diagnostics of {@code all} not yet handed out: {@link #emitted} is a subsequence of it. */
  private List<Diagnostic> unseen(List<Diagnostic> all) {
    List<Diagnostic> unseen = new ArrayList<>();
    int next = 0;
    for (Diagnostic d : all) {
      if (next < emitted.size() && emitted.get(next).equals(d)) {
        next++;
      } else {
        unseen.add(d);
      }
    }
    return unseen;
  }

  private static <T> ProtocolListener<T> fanOut(ProtocolListener<T> first, ProtocolListener<T> second) {
    return new ProtocolListener<>() {
      @Override
      public void onValue(T value) {
        first.onValue(value);
        second.onValue(value);
      }

      @Override
      public void onDiagnostic(Diagnostic diagnostic) {
        first.onDiagnostic(diagnostic);
        second.onDiagnostic(diagnostic);
      }

      @Override
      public void onKeepAlive() {
        first.onKeepAlive();
        second.onKeepAlive();
      }

      @Override
      public void onEnd() {
        first.onEnd();
        second.onEnd();
      }

      @Override
      public void onError(SseException error) {
        first.onError(error);
        second.onError(error);
      }

      @Override
      public void onIgnored(SseEvent event) {
        first.onIgnored(event);
        second.onIgnored(event);
      }
    };
  }

  @Override
  public String toString() {
    return "OpenAiStreamCall[" + request + "]";
  }
}
