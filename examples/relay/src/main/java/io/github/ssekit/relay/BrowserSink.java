package io.github.ssekit.relay;

/** Where a session's events go for one browser: its {@code text/event-stream} response. */
interface BrowserSink {

  /** Writes encoded SSE text. A browser that cannot keep up is dropped (it reconnects and resumes). */
  void send(String frame);

  /** Ends the connection; the browser's EventSource reconnects with {@code Last-Event-ID}. */
  void close();
}
