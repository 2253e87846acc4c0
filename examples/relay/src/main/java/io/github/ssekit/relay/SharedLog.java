package io.github.ssekit.relay;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * A session's events in a store shared by the relay's nodes (its Redis stream), as its {@link SessionChannel} uses
 * them in Redis mode: every event the channel emits is appended there, and the channel's browsers get what it reads
 * back, so they see the same events with the same IDs on every node.
 */
interface SharedLog {

  /**
   * Appends an event.
   *
   * @param writer the channel that writes it (it applied the event to its own views already)
   * @param fenced whether only the lease holder of the session's directory may write it
   * @return the entry's ID, or {@code null} when fenced and this node no longer holds the lease
   */
  Future<String> append(String type, String data, String writer, boolean fenced);

  /** The entries after {@code afterId} ({@code 0-0}: all the stream holds), oldest first. */
  Future<List<RedisRelayStore.Stored>> after(String afterId);

  /** Delivers every entry after {@code afterId} to {@code sink} as it comes, in order, until {@link #unfollow()}. */
  void follow(String afterId, Consumer<RedisRelayStore.Stored> sink);

  /** Stops delivering. */
  void unfollow();
}
