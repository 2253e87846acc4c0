package io.github.ssekit.relay;

import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One OpenCode directory on one node in Redis mode: whether this node holds the directory's lease (and so follows
 * its {@code /event} stream through the {@link Upstream} and drives its sessions' turns), the session channels of
 * the directory here, and those that want the stream.
 *
 * <p>While one of its channels wants the stream (a browser follows a session, or a turn runs), the node takes or
 * renews the lease every third of its time to live. A node that gets it makes its channels drivers, opens the
 * upstream, and adopts every turn the directory's running set names (they were driven by a node that stopped:
 * each is re-read from OpenCode's stored messages). A node that loses it (it could not renew in time, or its write
 * was refused) stops driving and closes the upstream. While Redis is unreachable the holder keeps serving its
 * browsers from its upstream. Used on the relay's event loop only.
 */
final class SharedDirectory {
  private final EventLoop loop;
  private final String directory;
  private final RedisRelayStore store;
  private final Upstream upstream;
  private final long leaseMillis;
  /** The channel of a session of this directory, created (and reading its stream) if needed. */
  private final Function<String, SessionChannel> channels;
  private final Set<SessionChannel> known = new LinkedHashSet<>();
  private final Set<SessionChannel> holding = new LinkedHashSet<>();
  /** Events of sessions no channel here follows, while it is asked whether their turn runs. */
  private final Map<String, List<OpenCodeEvent>> orphans = new HashMap<>();
  private boolean owner;
  /** How many times in a row this node found the lease free. */
  private int freeLooks;
  /** This node saw another one hold the lease. */
  private boolean seenTaken;
  private long timer = -1;

  SharedDirectory(EventLoop loop, String directory, RedisRelayStore store, Upstream upstream, long leaseMillis,
      Function<String, SessionChannel> channels) {
    this.loop = loop;
    this.directory = directory;
    this.store = store;
    this.upstream = upstream;
    this.leaseMillis = leaseMillis;
    this.channels = channels;
    upstream.onOrphanEvent(this::onOrphan);
  }

  /** Whether this node holds the directory's lease. */
  boolean isOwner() {
    return owner;
  }

  /** A channel of this directory exists on this node. */
  void register(SessionChannel channel) {
    known.add(channel);
    channel.setDriver(owner);
  }

  /** The channel is forgotten here. */
  void forget(SessionChannel channel) {
    known.remove(channel);
    hold(channel, false);
    channel.stopFollowing();
  }

  /** {@code channel} wants the upstream stream, or no longer does. */
  void hold(SessionChannel channel, boolean wanted) {
    if (wanted) {
      if (holding.add(channel) && owner) {
        upstream.acquire(channel);
      }
      if (timer < 0) {
        timer = loop.context().owner().setPeriodic(1, Math.max(1, leaseMillis / 3), t -> tick());
      }
    } else if (holding.remove(channel)) {
      if (owner) {
        upstream.release(channel);
      }
      if (holding.isEmpty()) {
        stop();
      }
    }
  }

  /** Takes or renews the lease now: whether this node holds it. */
  Future<Boolean> tick() {
    if (holding.isEmpty() && !owner) {
      return Future.succeededFuture(false);
    }
    // A node that saw another hold the lease takes it only on its third look in a row that finds it free: a holder
    // whose Redis came back empty (restarted) renews every third of the lease's time, and so gets it back first.
    boolean take = owner || !seenTaken || freeLooks >= 2;
    Future<RedisRelayStore.Lease> lease = store.lease(directory, leaseMillis, take);
    return here(lease).map(found -> {
      freeLooks = found == RedisRelayStore.Lease.FREE ? freeLooks + 1 : 0;
      seenTaken |= found == RedisRelayStore.Lease.TAKEN;
      boolean held = found == RedisRelayStore.Lease.HELD;
      leased(held);
      return held;
    }).recover(e -> Future.succeededFuture(owner)); // Redis unreachable: a holder keeps serving from its upstream
  }

  private void leased(boolean held) {
    if (held && !owner) {
      owner = true;
      known.forEach(c -> c.setDriver(true));
      holding.forEach(upstream::acquire);
      adoptRunningTurns();
    } else if (!held && owner) {
      owner = false;
      holding.forEach(upstream::release);
      upstream.close();
      known.forEach(c -> c.setDriver(false));
    }
  }

  /** The lease was taken: every turn the directory's running set names is driven here from now on. */
  private void adoptRunningTurns() {
    here(store.running(directory)).onSuccess(ids -> {
      for (String id : ids) {
        SessionChannel channel = channels.apply(id);
        channel.whenLoaded(() -> adopt(channel));
      }
    });
  }

  private void adopt(SessionChannel channel) {
    if (!owner) {
      return;
    }
    if (!channel.running()) {
      store.notRunning(directory, channel.sessionID()); // its done was never written: nothing to adopt
      return;
    }
    channel.adoptRunningTurn(false);
    upstream.ready().onComplete(ar -> loop.execute(() -> {
      if (ar.succeeded()) {
        channel.upstreamConnected(); // already connected: the turn re-reads the session now
      } else {
        channel.upstreamFailed(ar.cause());
      }
    }));
  }

  /** An event of a session no channel here holds the stream for: a turn prompted on another node, maybe. */
  private void onOrphan(OpenCodeEvent event) {
    String id = event.sessionID().orElse(null);
    if (!owner || id == null) {
      return;
    }
    List<OpenCodeEvent> waiting = orphans.get(id);
    if (waiting != null) {
      if (waiting.size() < 10_000) {
        waiting.add(event);
      }
      return;
    }
    orphans.put(id, new ArrayList<>(List.of(event)));
    here(store.running(directory)).onComplete(ar -> {
      List<OpenCodeEvent> held = orphans.remove(id);
      if (ar.failed() || !ar.result().contains(id) || held == null) {
        return; // not a turn of the relay's
      }
      SessionChannel channel = channels.apply(id);
      held.forEach(channel::onEvent); // it reads its stream up to now, then adopts the turn with these events
    });
  }

  private void stop() {
    if (timer >= 0) {
      loop.context().owner().cancelTimer(timer);
      timer = -1;
    }
    if (owner) {
      owner = false;
      store.release(directory);
      known.forEach(c -> c.setDriver(false));
    }
  }

  /** Gives the lease up (the relay closes). */
  Future<Void> close() {
    stop();
    return Future.succeededFuture();
  }

  private <T> Future<T> here(Future<T> answer) {
    io.vertx.core.Promise<T> here = io.vertx.core.Promise.promise();
    answer.onComplete(ar -> loop.execute(() -> here.handle(ar)));
    return here.future();
  }

  @Override
  public String toString() {
    return "SharedDirectory[" + (directory == null ? "(server's directory)" : directory) + (owner ? ", owner" : "")
        + ", " + known.size() + " sessions, " + holding.size() + " holding]";
  }
}
