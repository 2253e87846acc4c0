/** A user's program that records the metrics of ssekit's OpenAiClient in Micrometer. */
package com.example.metrics;
