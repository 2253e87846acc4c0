/**
 * Implementation: payload triage, the one-pass chunk reader (the fast path), normalisation, lenient binding,
 * tool-call assembly. Not exported.
 */
package io.github.ssekit.openai.internal;
