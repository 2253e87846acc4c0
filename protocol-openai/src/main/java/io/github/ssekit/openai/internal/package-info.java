/** Implementation: payload triage, normalisation, lenient binding, tool-call assembly. Not exported. */
package io.github.ssekit.openai.internal;
