package io.github.ssekit.relay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what the relay did, readable from any thread: how many upstream event streams it opened and has
 * open, how many browsers follow sessions, and how reconnecting browsers were caught up.
 */
public final class RelayStats {
  private final AtomicLong upstreamsOpened = new AtomicLong();
  private final AtomicLong upstreamsOpen = new AtomicLong();
  private final AtomicLong upstreamReconnections = new AtomicLong();
  private final AtomicLong browsersConnected = new AtomicLong();
  private final AtomicLong browsersOpen = new AtomicLong();
  private final AtomicLong snapshots = new AtomicLong();
  private final AtomicLong resumes = new AtomicLong();
  private final AtomicLong eventsReplayed = new AtomicLong();
  private final AtomicLong browsersDropped = new AtomicLong();

  RelayStats() {}

  /** Upstream event streams opened so far. */
  public long upstreamsOpened() {
    return upstreamsOpened.get();
  }

  /** Upstream event streams open (or opening) now. */
  public long upstreamsOpen() {
    return upstreamsOpen.get();
  }

  /** Times an upstream stream was lost and reconnected. */
  public long upstreamReconnections() {
    return upstreamReconnections.get();
  }

  /** Browser event streams accepted so far. */
  public long browsersConnected() {
    return browsersConnected.get();
  }

  /** Browser event streams open now. */
  public long browsersOpen() {
    return browsersOpen.get();
  }

  /** Browsers caught up with a snapshot of the whole session (first connection, or too far behind). */
  public long snapshots() {
    return snapshots.get();
  }

  /** Browsers that reconnected with a {@code Last-Event-ID} the replay buffer could resume from. */
  public long resumes() {
    return resumes.get();
  }

  /** Events sent again to resuming browsers. */
  public long eventsReplayed() {
    return eventsReplayed.get();
  }

  /** Browser connections the relay closed because they could not keep up. */
  public long browsersDropped() {
    return browsersDropped.get();
  }

  void upstreamOpened() {
    upstreamsOpened.incrementAndGet();
    upstreamsOpen.incrementAndGet();
  }

  void upstreamClosed() {
    upstreamsOpen.decrementAndGet();
  }

  void upstreamReconnected() {
    upstreamReconnections.incrementAndGet();
  }

  void browserOpened() {
    browsersConnected.incrementAndGet();
    browsersOpen.incrementAndGet();
  }

  void browserClosed() {
    browsersOpen.decrementAndGet();
  }

  void caughtUp(SessionChannel.Attached attached) {
    if (attached.catchup() == SessionChannel.Catchup.SNAPSHOT) {
      snapshots.incrementAndGet();
    } else {
      resumes.incrementAndGet();
      eventsReplayed.addAndGet(attached.replayed());
    }
  }

  void browserDropped() {
    browsersDropped.incrementAndGet();
  }

  @Override
  public String toString() {
    return "RelayStats[upstreams opened " + upstreamsOpened() + ", open " + upstreamsOpen() + ", reconnections "
        + upstreamReconnections() + "; browsers connected " + browsersConnected() + ", open " + browsersOpen()
        + ", dropped " + browsersDropped() + "; snapshots " + snapshots() + ", resumes " + resumes()
        + ", events replayed " + eventsReplayed() + "]";
  }
}
