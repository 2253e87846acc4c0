/**
 * The Vert.x 5 streaming client.
 */
package io.github.ssekit.client;
