/** A user's program that streams a Chat Completions reply with ssekit's OpenAiClient. */
package com.example.openai;
