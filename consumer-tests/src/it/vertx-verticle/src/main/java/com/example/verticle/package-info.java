/** A user's verticle that reads an event stream with ssekit's SseClient. */
package com.example.verticle;
