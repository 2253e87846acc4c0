package io.github.ssekit.relay;

import io.github.ssekit.sse.SseEncoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The relay's events on Redis Streams: one stream per session, whose entry IDs are the SSE IDs browsers resume
 * from on any node; the lease that makes one node per directory the one that follows OpenCode's {@code /event}
 * stream and writes the sessions' events; the set of the directory's running turns (what a node taking the lease
 * over adopts).
 *
 * <p>Keys, all of a directory in one Redis Cluster hash slot (the directory's hash in braces):
 * {@code ssekit:relay:{H}:s:SESSION} (the session's stream, {@code XADD ... MAXLEN ~ maxLen}),
 * {@code ssekit:relay:{H}:lease} (the owning node's ID, {@code SET NX PX}, renewed), {@code ssekit:relay:{H}:running}
 * (the sessions whose turn runs), {@code ssekit:relay:{H}:n:SESSION} (how many events the session's stream was ever
 * given). Entries hold {@code t} (event type), {@code d} (its JSON), {@code w} (the writer: the channel that wrote
 * it applied it already) and {@code n} (its number: a reader that finds a gap fell behind the stream's trimming).
 *
 * <p>Commands go through a pooled client; {@link #follow} reads on one dedicated connection with {@code XREAD BLOCK},
 * every followed stream at once. Callbacks come on the Vert.x context that created this store.
 */
final class RedisRelayStore {
  /** How long one {@code XREAD} blocks before it is sent again (and newly followed streams join it). */
  static final long READ_BLOCK_MILLIS = 1000;
  /** Entries read at once per stream. */
  static final int READ_COUNT = 1000;

  /** One entry of a session's stream. */
  record Stored(String id, String type, String data, String writer, long number) {
    /** The SSE frame browsers get: the entry's ID is the event's. */
    String frame() {
      return SseEncoder.event(type, data, id);
    }
  }

  /**
   * Appends an event; when a node is given, only if no other node holds the lease (a node that lost it to another
   * writes nothing). A free lease is taken back by the writer: its renewal was late, or Redis restarted empty.
   */
  private static final String APPEND = """
      if ARGV[1] ~= '' then
        local v = redis.call('GET', KEYS[1])
        if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[7])
        elseif v ~= ARGV[1] then return false end
      end
      local n = redis.call('INCR', KEYS[4])
      local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 't', ARGV[3], 'd', ARGV[4], 'w', ARGV[5],
        'n', n)
      if ARGV[3] == 'turn' then redis.call('SADD', KEYS[3], ARGV[6])
      elseif ARGV[3] == 'done' then redis.call('SREM', KEYS[3], ARGV[6]) end
      return id""";
  /**
   * Renews the lease if this node holds it (1); else, when nobody does, takes it ({@code take}: 1) or only says
   * it is free ({@code probe}: 2); 0 when another node holds it.
   */
  private static final String LEASE = """
      local v = redis.call('GET', KEYS[1])
      if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
      if v then return 0 end
      if ARGV[3] ~= 'take' then return 2 end
      if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
      return 0""";
  private static final String RELEASE = """
      if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
      return 0""";

  private final Vertx vertx;
  private final Redis client;
  private final Redis readerClient;
  private final String nodeId;
  private final int maxLen;
  private final long leaseMillis;
  private final Map<String, Follow> follows = new LinkedHashMap<>();
  private RedisConnection reader;
  /** The connection appends go through, in order (Redis runs one connection's commands in the order sent). */
  private Future<RedisConnection> writer;
  private boolean reading;
  private boolean closed;
  private boolean lost;
  private long backoffMillis = 100;
  private Consumer<Boolean> availability = up -> {};

  private static final class Follow {
    String lastId;
    final Consumer<Stored> sink;

    Follow(String lastId, Consumer<Stored> sink) {
      this.lastId = lastId;
      this.sink = sink;
    }
  }

  RedisRelayStore(Vertx vertx, String uri, String nodeId, int maxLen, long leaseMillis) {
    this.leaseMillis = leaseMillis;
    this.vertx = vertx;
    RedisOptions options = new RedisOptions().setConnectionString(uri)
        .setPreferredProtocolVersion(ProtocolVersion.RESP2).setMaxPoolSize(8).setMaxPoolWaiting(10_000);
    this.client = Redis.createClient(vertx, options);
    this.readerClient = Redis.createClient(vertx, new RedisOptions(options).setMaxPoolSize(1));
    this.nodeId = nodeId;
    this.maxLen = maxLen;
  }

  /** This node's ID (the lease's value). */
  String nodeId() {
    return nodeId;
  }

  /** Checks that Redis answers ({@code PING}); fails with a clear message when it does not. */
  Future<Void> start() {
    return client.send(Request.cmd(Command.PING)).<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new IllegalStateException("Redis is unreachable: " + e.getMessage(), e)));
  }

  /** Told {@code false} when reading the streams fails (Redis lost), {@code true} when it works again. */
  void onAvailability(Consumer<Boolean> handler) {
    this.availability = handler;
  }

  /**
   * Appends one event to the session's stream.
   *
   * @param fenced whether only the directory's lease holder may write it (a turn's events); a prompt's {@code turn}
   *     event, written by the node the prompt came to, is not
   * @return the entry's ID, or {@code null} when fenced and this node no longer holds the lease
   */
  Future<String> append(String directory, String session, String type, String data, String writer, boolean fenced) {
    String h = hash(directory);
    Request eval = Request.cmd(Command.EVAL).arg(APPEND).arg(4).arg(leaseKey(h)).arg(streamKey(h, session))
        .arg(runningKey(h)).arg(counterKey(h, session)).arg(fenced ? nodeId : "").arg(maxLen).arg(type).arg(data).arg(writer).arg(session)
        .arg(leaseMillis);
    return write(eval).map(r -> r == null ? null : r.toString());
  }

  private void dropWriter(Future<RedisConnection> connection) {
    if (writer == connection) {
      writer = null;
    }
  }

  /** Sends a command on the writer connection: appends of one node reach Redis in the order they were made. */
  private Future<Response> write(Request request) {
    if (writer == null) {
      Future<RedisConnection> connecting = client.connect();
      writer = connecting;
      connecting.onSuccess(c -> {
        // a connection Redis closed is not used again: the next append connects anew
        c.exceptionHandler(e -> dropWriter(connecting));
        c.endHandler(v -> dropWriter(connecting));
      });
    }
    Future<RedisConnection> connection = writer;
    return connection.compose(c -> c.send(request)).onFailure(e -> {
      if (writer == connection) {
        writer = null; // lost: the next append connects again
        connection.onSuccess(RedisConnection::close);
      }
    });
  }

  /** The session's entries after {@code afterId} ({@code 0-0}: all it holds), oldest first. */
  Future<List<Stored>> after(String directory, String session, String afterId) {
    List<Stored> all = new ArrayList<>();
    return page(streamKey(hash(directory), session), afterId, all).map(v -> all);
  }

  private Future<Void> page(String key, String afterId, List<Stored> into) {
    return client.send(Request.cmd(Command.XRANGE).arg(key).arg("(" + afterId).arg("+").arg("COUNT").arg(READ_COUNT))
        .compose(r -> {
          List<Stored> got = entries(r);
          into.addAll(got);
          return got.size() < READ_COUNT ? Future.succeededFuture() : page(key, got.get(got.size() - 1).id(), into);
        });
  }

  /** The length of the session's stream ({@code XLEN}). */
  Future<Long> length(String directory, String session) {
    return client.send(Request.cmd(Command.XLEN).arg(streamKey(hash(directory), session))).map(Response::toLong);
  }

  /** What a node finds of a directory's lease. */
  enum Lease {
    /** This node holds it (it was renewed, or taken). */
    HELD,
    /** Nobody holds it (and this node did not take it). */
    FREE,
    /** Another node holds it. */
    TAKEN
  }

  /** Takes or renews the directory's lease for {@code ttlMillis}: whether this node holds it now. */
  Future<Boolean> lease(String directory, long ttlMillis) {
    return lease(directory, ttlMillis, true).map(l -> l == Lease.HELD);
  }

  /** Renews the directory's lease if this node holds it; else takes it if free and {@code take}. */
  Future<Lease> lease(String directory, long ttlMillis, boolean take) {
    return client.send(Request.cmd(Command.EVAL).arg(LEASE).arg(1).arg(leaseKey(hash(directory))).arg(nodeId)
        .arg(ttlMillis).arg(take ? "take" : "probe"))
        .map(r -> r == null ? Lease.TAKEN : switch (r.toInteger()) {
          case 1 -> Lease.HELD;
          case 2 -> Lease.FREE;
          default -> Lease.TAKEN;
        });
  }

  /** Gives the directory's lease up if this node holds it. */
  Future<Void> release(String directory) {
    return client.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(leaseKey(hash(directory))).arg(nodeId))
        .mapEmpty();
  }

  /** The sessions of the directory whose turn runs (their {@code turn} was written, their {@code done} not yet). */
  Future<Set<String>> running(String directory) {
    return client.send(Request.cmd(Command.SMEMBERS).arg(runningKey(hash(directory)))).map(r -> {
      Set<String> ids = new HashSet<>();
      if (r != null) {
        r.forEach(x -> ids.add(x.toString()));
      }
      return ids;
    });
  }

  /** Forgets a session in the directory's running set (its turn ended without a {@code done} written). */
  Future<Void> notRunning(String directory, String session) {
    return client.send(Request.cmd(Command.SREM).arg(runningKey(hash(directory))).arg(session)).mapEmpty();
  }

  /** Delivers every entry of the session's stream after {@code afterId} to {@code sink}, in order, as they come. */
  void follow(String directory, String session, String afterId, Consumer<Stored> sink) {
    follows.put(streamKey(hash(directory), session), new Follow(afterId, sink));
    if (!reading) {
      read();
    }
  }

  /** Stops delivering the session's entries. */
  void unfollow(String directory, String session) {
    follows.remove(streamKey(hash(directory), session));
  }

  private void read() {
    if (closed || follows.isEmpty()) {
      reading = false;
      return;
    }
    reading = true;
    if (reader == null) {
      readerClient.connect().onComplete(ar -> {
        if (ar.failed()) {
          retry();
          return;
        }
        reader = ar.result();
        reader.exceptionHandler(e -> { });
        read();
      });
      return;
    }
    List<String> keys = new ArrayList<>(follows.keySet());
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(READ_COUNT).arg("BLOCK").arg(READ_BLOCK_MILLIS)
        .arg("STREAMS");
    keys.forEach(xread::arg);
    keys.forEach(k -> xread.arg(follows.get(k).lastId));
    reader.send(xread).onComplete(ar -> {
      if (ar.failed()) {
        retry();
        return;
      }
      if (lost) {
        lost = false;
        availability.accept(true);
      }
      backoffMillis = 100;
      Response r = ar.result();
      if (r != null) {
        for (Response stream : r) {
          Follow follow = follows.get(stream.get(0).toString());
          if (follow == null) {
            continue; // unfollowed meanwhile
          }
          for (Stored entry : entries(stream.get(1))) {
            if (StreamIds.compare(entry.id(), follow.lastId) > 0) {
              follow.lastId = entry.id();
              follow.sink.accept(entry);
            }
          }
        }
      }
      read();
    });
  }

  private void retry() {
    if (closed) {
      return;
    }
    if (reader != null) {
      reader.close();
      reader = null;
    }
    if (!lost) {
      lost = true;
      availability.accept(false);
    }
    long delay = backoffMillis;
    backoffMillis = Math.min(5000, backoffMillis * 2);
    vertx.setTimer(delay, t -> read());
  }

  /** Closes both clients. */
  Future<Void> close() {
    closed = true;
    follows.clear();
    if (writer != null) {
      writer.onSuccess(RedisConnection::close);
    }
    return Future.join(client.close(), readerClient.close()).mapEmpty();
  }

  private static List<Stored> entries(Response r) {
    List<Stored> out = new ArrayList<>();
    if (r == null) {
      return out;
    }
    for (Response entry : r) {
      Response fields = entry.get(1);
      String type = null;
      String data = null;
      String writer = "";
      long number = 0;
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        switch (fields.get(i).toString()) {
          case "t" -> type = fields.get(i + 1).toString(StandardCharsets.UTF_8);
          case "d" -> data = fields.get(i + 1).toString(StandardCharsets.UTF_8);
          case "w" -> writer = fields.get(i + 1).toString();
          case "n" -> number = fields.get(i + 1).toLong();
          default -> { } // a field of a later version: ignored
        }
      }
      if (type != null && data != null) {
        out.add(new Stored(entry.get(0).toString(), type, data, writer, number));
      }
    }
    return out;
  }

  static String streamKey(String hash, String session) {
    return "ssekit:relay:{" + hash + "}:s:" + session;
  }

  /** The number of events ever appended to the session's stream: each entry has its number, so a gap shows. */
  private static String counterKey(String hash, String session) {
    return "ssekit:relay:{" + hash + "}:n:" + session;
  }

  private static String leaseKey(String hash) {
    return "ssekit:relay:{" + hash + "}:lease";
  }

  private static String runningKey(String hash) {
    return "ssekit:relay:{" + hash + "}:running";
  }

  /** The directory's hash tag: its SHA-256, 16 hex digits ({@code null}: the server's directory). */
  static String hash(String directory) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((directory == null ? "" : directory).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RedisRelayStore[node " + nodeId + ", " + follows.size() + " streams followed]";
  }
}
