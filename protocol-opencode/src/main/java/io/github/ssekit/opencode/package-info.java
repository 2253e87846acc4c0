/**
 * The OpenCode server's events, requests and reply assembly.
 */
package io.github.ssekit.opencode;
