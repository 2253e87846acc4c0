/**
 * Implementation of the client: the per-stream state machine on the event loop, reconnection backoff, and the
 * Flow and blocking adapters. Not exported; the protocol clients of this module build on it.
 */
package io.github.ssekit.client.internal;
