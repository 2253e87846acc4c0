/**
 * Differential conformance of ssekit's parser against headless Chromium's {@code EventSource}: a stream
 * generator, a loopback HTTP harness, and the browser as a process. Tests only.
 */
package io.github.ssekit.browser;
