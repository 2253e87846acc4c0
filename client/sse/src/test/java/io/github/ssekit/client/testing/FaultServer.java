package io.github.ssekit.client.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on 127.0.0.1 for fault scripts, where {@link ScriptedServer} (a real HTTP server) cannot go:
 * garbage instead of HTTP, broken chunked framing, TCP resets, half-closed and never-accepted connections, blocking
 * writes that show backpressure. Blocking sockets, one platform thread per connection (named {@code fault-server-*},
 * so thread-leak checks of the client can tell them apart).
 *
 * <p>Each request is answered by the script of its index (0-based, in arrival order); requests past the scripts
 * get 204, which ends a reconnecting stream. Requests to {@code /probe} are answered apart (one event, then the end)
 * without taking an index: tests use them to check that the client's pool slot was freed.
 *
 * <p>{@link #openConnections()} counts accepted connections the server has not closed yet. The server closes its
 * side when the script resets or closes the connection, or when it reads the end of the client's side; so after the
 * client is closed the count must fall to 0, or a connection leaked.
 */
public final class FaultServer implements AutoCloseable {

  /** A request as the server read it; header names in lower case. */
  public record Request(int index, String method, String target, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Script {
    void answer(Request request, Exchange exchange) throws IOException, InterruptedException;
  }

  private final ServerSocket listener;
  private final List<Script> scripts;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final List<Throwable> scriptErrors = new CopyOnWriteArrayList<>();
  private volatile boolean accepting;
  private volatile boolean closed;

  private FaultServer(List<Script> scripts, boolean accepting) throws IOException {
    this.scripts = List.copyOf(scripts);
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    if (accepting) {
      startAccepting();
    }
  }

  /** A server answering request {@code i} with {@code scripts.get(i)}. */
  public static FaultServer start(List<Script> scripts) throws IOException {
    return new FaultServer(scripts, true);
  }

  /**
   * A server that listens but does not accept yet: the kernel completes the client's TCP handshake and queues the
   * connection, and nothing ever reads the request (a hung server process). {@link #startAccepting()} later.
   */
  public static FaultServer notAccepting(List<Script> scripts) throws IOException {
    return new FaultServer(scripts, false);
  }

  public synchronized void startAccepting() {
    if (accepting) {
      return;
    }
    accepting = true;
    Thread acceptor = new Thread(this::acceptLoop, "fault-server-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + listener.getLocalPort() + path;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The scripted requests (not the probes), in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public int openConnections() {
    return open.get();
  }

  public int acceptedConnections() {
    return accepted.get();
  }

  /** Errors thrown by scripts other than the client going away (a script's own assertion, a bug in a test). */
  public List<Throwable> scriptErrors() {
    return List.copyOf(scriptErrors);
  }

  /** Stops listening: new connections are refused, as when the server is gone. Open connections stay. */
  public void stopListening() throws IOException {
    listener.close();
  }

  /** Waits until every accepted connection is closed on the server's side; false on timeout. */
  public boolean awaitNoOpenConnections(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (open.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void acceptLoop() {
    while (!closed && !listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.incrementAndGet();
      int n = accepted.incrementAndGet();
      sockets.add(socket);
      Thread connection = new Thread(() -> serve(socket), "fault-server-conn-" + n);
      connection.setDaemon(true);
      connection.start();
    }
  }

  private void serve(Socket socket) {
    Exchange exchange = null;
    try {
      InputStream in = socket.getInputStream();
      exchange = new Exchange(socket);
      while (!exchange.closed) {
        Request head = readRequest(in);
        if (head == null) {
          break; // the client closed its side
        }
        if (head.target().startsWith("/probe")) {
          exchange.streamHead();
          exchange.chunk("data: probe\n\n");
          exchange.endChunks();
          continue;
        }
        Request request = new Request(nextIndex.getAndIncrement(), head.method(), head.target(), head.headers(),
            head.body());
        requests.add(request);
        Script script = request.index() < scripts.size() ? scripts.get(request.index()) : FaultServer::noContent;
        script.answer(request, exchange);
      }
    } catch (SocketException e) {
      // the client reset or closed the connection while the script wrote or waited: expected in fault scripts
    } catch (IOException e) {
      if (!closed) {
        scriptErrors.add(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | AssertionError e) {
      scriptErrors.add(e);
    } finally {
      if (exchange == null || !exchange.closed) {
        closeQuietly(socket);
      }
      sockets.remove(socket);
      if (exchange == null || !exchange.countedClosed) {
        open.decrementAndGet();
      }
    }
  }

  /** 204: nothing more. */
  public static void noContent(Request request, Exchange exchange) throws IOException {
    exchange.raw("HTTP/1.1 204 No Content\r\n\r\n");
  }

  /** The request head and its Content-Length body, or null at the end of the input before a request. */
  private static Request readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = new byte[0];
    String length = headers.get("content-length");
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    }
    return new Request(-1, requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers, body);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  /** What a script can do with its connection. */
  public final class Exchange {
    private final Socket socket;
    private final OutputStream out;
    private boolean closed;
    private boolean countedClosed;

    private Exchange(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    /** The server, for scripts that take it down. */
    public FaultServer server() {
      return FaultServer.this;
    }

    /** Writes bytes as they are. */
    public void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    public void raw(String text) throws IOException {
      raw(text.getBytes(UTF_8));
    }

    /** A status line and header lines ({@code "Name: value"}), then the blank line. */
    public void head(int status, String... headerLines) throws IOException {
      StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(" Scripted\r\n");
      for (String line : headerLines) {
        text.append(line).append("\r\n");
      }
      raw(text.append("\r\n").toString());
    }

    /** The head of a chunked 200 {@code text/event-stream}, plus extra header lines. */
    public void streamHead(String... extraHeaderLines) throws IOException {
      List<String> lines = new ArrayList<>(List.of("Content-Type: text/event-stream",
          "Transfer-Encoding: chunked"));
      lines.addAll(List.of(extraHeaderLines));
      head(200, lines.toArray(String[]::new));
    }

    /** One chunk of chunked transfer coding. */
    public void chunk(byte[] bytes) throws IOException {
      if (bytes.length == 0) {
        return; // an empty chunk would end the body
      }
      ByteArrayOutputStream frame = new ByteArrayOutputStream(bytes.length + 16);
      frame.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(ISO_8859_1));
      frame.writeBytes(bytes);
      frame.writeBytes("\r\n".getBytes(ISO_8859_1));
      raw(frame.toByteArray());
    }

    public void chunk(String text) throws IOException {
      chunk(text.getBytes(UTF_8));
    }

    /** The last chunk: the body ends, the connection may be reused. */
    public void endChunks() throws IOException {
      raw("0\r\n\r\n");
    }

    /** Resets the connection: SO_LINGER 0 makes the close send a TCP RST instead of a FIN. */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      closeHere();
    }

    /** Closes the connection (a FIN). */
    public void close() throws IOException {
      closeHere();
    }

    /** Half-closes: a FIN for the client, while the server keeps reading until the client closes its side. */
    public void shutdownOutput() throws IOException {
      socket.shutdownOutput();
      stall();
    }

    /** Sends nothing more and waits until the client closes or resets the connection, then closes it. */
    public void stall() throws IOException {
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // a client mid-stream sends nothing; drain anything until the end
        }
      } catch (SocketException e) {
        // reset by the client
      }
      closeHere();
    }

    private void closeHere() throws IOException {
      closed = true;
      try {
        socket.close();
      } finally {
        if (!countedClosed) {
          countedClosed = true;
          open.decrementAndGet();
        }
      }
    }
  }
}
