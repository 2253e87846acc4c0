package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.ImmutableChatChoice;
import io.github.ssekit.openai.chat.ImmutableChatChunk;
import io.github.ssekit.openai.chat.ImmutableChatDelta;
import io.github.ssekit.openai.chat.ImmutableFunctionDelta;
import io.github.ssekit.openai.chat.ImmutableToolCallDelta;
import io.github.ssekit.openai.chat.ImmutableUsage;
import io.github.ssekit.openai.chat.Role;
import io.github.ssekit.openai.chat.ServiceTier;
import io.github.ssekit.openai.chat.ToolType;
import java.io.IOException;

/**
 * The fast path of {@link ChatChunkDecoder}: reads a chunk that keeps the contract in one pass over the event's
 * text, straight into the typed model, with no JSON tree and no reflective binding.
 *
 * <p>It accepts only text that needs no repair and no report: one JSON object and nothing after it, each member
 * the model names of the JSON type it declares, {@code object} exactly {@code chat.completion.chunk}, known roles
 * and finish reasons, no blank strings where the tree path would drop them, an index on every choice and tool call,
 * no {@code error}, {@code type} or {@code error_*} member, no member twice. On anything else it gives up (returns
 * null) and the decoder takes the tree path, which repairs and reports. So whatever it accepts decodes to the chunk
 * the tree path would build, with no diagnostics; {@code ChatChunkReaderTest} checks that over every recorded
 * stream and generated variants, and the Chat Completions fuzz target on every input.
 *
 * <p>Members the model does not name go to {@code extra()}: strings, booleans and null are built here, any other
 * value is parsed by Jackson from its exact text, so its nodes and limits are Jackson's.
 */
final class ChatChunkReader {

  /** Thrown to give up; preallocated and without a stack trace, as giving up is a normal outcome. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super("not on the fast path", null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  /** Reads one extra member's value from its exact text, refusing anything after it. */
  private static final ObjectReader EXTRA_VALUE = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** More extra members in one object than this are left to the tree path (they are compared one by one). */
  private static final int MAX_FAST_EXTRAS = 8;

  /** Deeper extra values than this are left to the tree path (the skip below counts brackets, not recursion). */
  private static final int MAX_SKIP_DEPTH = 256;

  private static final String CHUNK_OBJECT = "chat.completion.chunk";

  /**
   * Each thread's copy of the text it reads (4 KiB): most chunks fit, and reusing it saves an allocation per
   * chunk. Longer text gets an array of its own.
   */
  private static final int BUFFER_SIZE = 2048;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * What a thread's reads reuse: the copy of the text, and the last {@code id}, {@code model} and
   * {@code system_fingerprint} values, which every chunk of a stream repeats: when the same characters come again,
   * the String read last time is returned instead of a new one (equal Strings, so nothing observable changes).
   */
  private static final class Scratch {
    final char[] buffer = new char[BUFFER_SIZE];
    final String[] repeated = new String[3];
  }

  private static final int REPEATED_ID = 0;
  private static final int REPEATED_MODEL = 1;
  private static final int REPEATED_FINGERPRINT = 2;

  /** The text, and a copy of it in chars[0, length) to scan; values are cut from the text. */
  private final String text;
  private final char[] chars;
  private final int length;
  private final String[] repeated;
  private int pos;
  /** The current member name: chars[keyStart, keyEnd). */
  private int keyStart;
  private int keyEnd;

  private ChatChunkReader(String text) {
    // array reads beat String.charAt, which checks the string's coder and bounds on every call
    this.text = text;
    this.length = text.length();
    Scratch scratch = SCRATCH.get();
    char[] buffer = length <= BUFFER_SIZE ? scratch.buffer : new char[length];
    text.getChars(0, length, buffer, 0);
    this.chars = buffer;
    this.repeated = scratch.repeated;
  }

  /** The chunk in {@code data}, or null when the data needs the tree path. */
  static ChatChunk read(String data) {
    try {
      return new ChatChunkReader(data).document();
    } catch (GiveUp | IOException e) {
      return null;
    }
  }

  private ChatChunk document() throws IOException {
    skipWhitespace();
    ChatChunk chunk = chunk();
    skipWhitespace();
    if (pos != length) {
      throw GIVE_UP;
    }
    return chunk;
  }

  private ChatChunk chunk() throws IOException {
    ImmutableChatChunk.Builder chunk = ImmutableChatChunk.builder();
    int seen = members(CHUNK, chunk);
    if ((seen & CHUNK_CHOICES) == 0) {
      throw GIVE_UP; // usage-only or extension payloads are decided by the tree path
    }
    return chunk.build();
  }

  private ImmutableChatChoice choice() throws IOException {
    ImmutableChatChoice.Builder choice = ImmutableChatChoice.builder();
    int seen = members(CHOICE, choice);
    if ((seen & (CHOICE_INDEX | CHOICE_DELTA)) != (CHOICE_INDEX | CHOICE_DELTA)) {
      throw GIVE_UP; // no index or no delta: repaired and reported by the tree path
    }
    return choice.build();
  }

  private ImmutableChatDelta delta() throws IOException {
    ImmutableChatDelta.Builder delta = ImmutableChatDelta.builder();
    members(DELTA, delta);
    return delta.build();
  }

  private ImmutableToolCallDelta toolCall() throws IOException {
    ImmutableToolCallDelta.Builder call = ImmutableToolCallDelta.builder();
    int seen = members(TOOL_CALL, call);
    if ((seen & TOOL_CALL_INDEX) == 0) {
      throw GIVE_UP; // a tool call without index is reported
    }
    return call.build();
  }

  private ImmutableFunctionDelta function() throws IOException {
    ImmutableFunctionDelta.Builder function = ImmutableFunctionDelta.builder();
    members(FUNCTION, function);
    return function.build();
  }

  private ImmutableUsage usage() throws IOException {
    ImmutableUsage.Builder usage = ImmutableUsage.builder();
    members(USAGE, usage);
    return usage.build();
  }

  // ---- structure ----------------------------------------------------------------------------------------------

  /**
   * The objects of a chunk, for {@link #members}: a plain switch on them calls each object's member method
   * directly. (Lambdas would make that call megamorphic, as objects nest, and cost an interface dispatch per
   * member.)
   */
  private static final int CHUNK = 0;
  private static final int CHOICE = 1;
  private static final int DELTA = 2;
  private static final int TOOL_CALL = 3;
  private static final int FUNCTION = 4;
  private static final int USAGE = 5;

  /** The bits of the members the fast path requires (each member method returns its member's bit). */
  private static final int CHUNK_CHOICES = 1 << 6;
  private static final int CHOICE_INDEX = 1;
  private static final int CHOICE_DELTA = 1 << 1;
  private static final int TOOL_CALL_INDEX = 1;

  @FunctionalInterface
  private interface Element {
    void read() throws IOException;
  }

  /**
   * Reads an object of kind {@code object} into {@code builder}: each member the object names goes to its member
   * method, any other to the builder's {@code extra()}. Returns the bits of the named members seen; a member sent
   * twice gives up (the tree path keeps the last one and reports it), and so do more than
   * {@value #MAX_FAST_EXTRAS} extra members in one object (the tree path checks them for repeats).
   */
  private int members(int object, Object builder) throws IOException {
    int seen = 0;
    expect('{');
    if (consume('}')) {
      return seen;
    }
    String[] extras = null; // the names of the extra members so far: one sent twice is the tree path's to report
    int extraCount = 0;
    do {
      key();
      int bit = knownMember(object, builder);
      if (bit == 0) {
        String name = text.substring(keyStart, keyEnd);
        if (extras == null) {
          extras = new String[MAX_FAST_EXTRAS];
        }
        for (int i = 0; i < extraCount; i++) {
          if (extras[i].equals(name)) {
            throw GIVE_UP;
          }
        }
        if (extraCount == MAX_FAST_EXTRAS) {
          throw GIVE_UP;
        }
        extras[extraCount++] = name;
        extra(object, builder, name, value());
      } else if ((seen & bit) != 0) {
        throw GIVE_UP;
      } else {
        seen |= bit;
      }
    } while (consume(','));
    expect('}');
    return seen;
  }

  /** Reads the current member's value when the object names it: its bit (one per member), else 0. */
  private int knownMember(int object, Object builder) throws IOException {
    switch (object) {
      case CHUNK: return chunkMember((ImmutableChatChunk.Builder) builder);
      case CHOICE: return choiceMember((ImmutableChatChoice.Builder) builder);
      case DELTA: return deltaMember((ImmutableChatDelta.Builder) builder);
      case TOOL_CALL: return toolCallMember((ImmutableToolCallDelta.Builder) builder);
      case FUNCTION: return functionMember((ImmutableFunctionDelta.Builder) builder);
      case USAGE: return usageMember((ImmutableUsage.Builder) builder);
      default: throw new AssertionError(object);
    }
  }

  private static void extra(int object, Object builder, String name, JsonNode value) {
    switch (object) {
      case CHUNK: ((ImmutableChatChunk.Builder) builder).putExtra(name, value); break;
      case CHOICE: ((ImmutableChatChoice.Builder) builder).putExtra(name, value); break;
      case DELTA: ((ImmutableChatDelta.Builder) builder).putExtra(name, value); break;
      case TOOL_CALL: ((ImmutableToolCallDelta.Builder) builder).putExtra(name, value); break;
      case FUNCTION: ((ImmutableFunctionDelta.Builder) builder).putExtra(name, value); break;
      case USAGE: ((ImmutableUsage.Builder) builder).putExtra(name, value); break;
      default: throw new AssertionError(object);
    }
  }

  /** Reads an array, each element with {@code element}. */
  private void elements(Element element) throws IOException {
    expect('[');
    if (consume(']')) {
      return;
    }
    do {
      element.read();
    } while (consume(','));
    expect(']');
  }

  /** Reads the current member's value into {@code chunk} when the object names it: its bit, else 0. */
  private int chunkMember(ImmutableChatChunk.Builder chunk) throws IOException {
    if (isKey("id")) {
      chunk.id(repeatedString(REPEATED_ID));
      return 1;
    } else if (isKey("object")) {
      if (!CHUNK_OBJECT.equals(string())) {
        throw GIVE_UP;
      }
      chunk.object(CHUNK_OBJECT);
      return 1 << 1;
    } else if (isKey("created")) {
      chunk.created(integer());
      return 1 << 2;
    } else if (isKey("model")) {
      chunk.model(repeatedString(REPEATED_MODEL));
      return 1 << 3;
    } else if (isKey("system_fingerprint")) {
      chunk.systemFingerprint(repeatedString(REPEATED_FINGERPRINT));
      return 1 << 4;
    } else if (isKey("service_tier")) {
      chunk.serviceTier(ServiceTier.of(nonBlankString()));
      return 1 << 5;
    } else if (isKey("choices")) {
      elements(() -> chunk.addChoices(choice()));
      return CHUNK_CHOICES;
    } else if (isKey("usage")) {
      if (!consumeNull()) {
        chunk.usage(usage());
      }
      return 1 << 7;
    } else if (isKey("error") || isKey("type") || isKey("error_type") || isKey("error_message")) {
      throw GIVE_UP; // an error or a ping: the tree path recognises those
    }
    return 0;
  }

  /** Reads the current member's value into {@code choice} when the object names it: its bit, else 0. */
  private int choiceMember(ImmutableChatChoice.Builder choice) throws IOException {
    if (isKey("index")) {
      choice.index(intIndex());
      return CHOICE_INDEX;
    } else if (isKey("delta")) {
      choice.delta(delta());
      return CHOICE_DELTA;
    } else if (isKey("finish_reason")) {
      if (!consumeNull()) {
        choice.finishReason(finishReason(string()));
      }
      return 1 << 2;
    } else if (isKey("logprobs")) {
      choice.logprobs(value());
      return 1 << 3;
    } else if (isKey("usage") || isKey("error")) {
      throw GIVE_UP; // reported (usage in a choice) or an error
    }
    return 0;
  }

  /** Reads the current member's value into {@code delta} when the object names it: its bit, else 0. */
  private int deltaMember(ImmutableChatDelta.Builder delta) throws IOException {
    if (isKey("content")) {
      if (!consumeNull()) {
        delta.content(string());
      }
      return 1;
    } else if (isKey("role")) {
      delta.role(role(string()));
      return 1 << 1;
    } else if (isKey("reasoning_content")) {
      if (!consumeNull()) {
        delta.reasoningContent(string());
      }
      return 1 << 2;
    } else if (isKey("reasoning")) {
      if (!consumeNull()) {
        delta.reasoning(string());
      }
      return 1 << 3;
    } else if (isKey("refusal")) {
      if (!consumeNull()) {
        delta.refusal(string());
      }
      return 1 << 4;
    } else if (isKey("tool_calls")) {
      elements(() -> delta.addToolCalls(toolCall()));
      return 1 << 5;
    } else if (isKey("function_call")) {
      delta.functionCall(function());
      return 1 << 6;
    } else if (isKey("reasoningText")) {
      throw GIVE_UP; // the name of a derived attribute, which Jackson ignores rather than keeping as extra
    }
    return 0;
  }

  /** Reads the current member's value into {@code call} when the object names it: its bit, else 0. */
  private int toolCallMember(ImmutableToolCallDelta.Builder call) throws IOException {
    if (isKey("index")) {
      call.index(intIndex());
      return TOOL_CALL_INDEX;
    } else if (isKey("id")) {
      call.id(nonBlankString());
      return 1 << 1;
    } else if (isKey("type")) {
      call.type(ToolType.of(nonBlankString()));
      return 1 << 2;
    } else if (isKey("function")) {
      call.function(function());
      return 1 << 3;
    }
    return 0;
  }

  /** Reads the current member's value into {@code function} when the object names it: its bit, else 0. */
  private int functionMember(ImmutableFunctionDelta.Builder function) throws IOException {
    if (isKey("name")) {
      function.name(nonBlankString());
      return 1;
    } else if (isKey("arguments")) {
      function.arguments(string());
      return 1 << 1;
    }
    return 0;
  }

  /** Reads the current member's value into {@code usage} when the object names it: its bit, else 0. */
  private int usageMember(ImmutableUsage.Builder usage) throws IOException {
    if (isKey("prompt_tokens")) {
      usage.promptTokens(integer());
      return 1;
    } else if (isKey("completion_tokens")) {
      usage.completionTokens(integer());
      return 1 << 1;
    } else if (isKey("total_tokens")) {
      usage.totalTokens(integer());
      return 1 << 2;
    } else if (isKey("prompt_tokens_details")) {
      usage.promptTokensDetails(value());
      return 1 << 3;
    } else if (isKey("completion_tokens_details")) {
      usage.completionTokensDetails(value());
      return 1 << 4;
    } else if (isKey("cachedTokens") || isKey("reasoningTokens")) {
      throw GIVE_UP; // names of derived attributes, which Jackson ignores rather than keeping as extra
    }
    return 0;
  }

  // ---- values -------------------------------------------------------------------------------------------------

  private static Role role(String raw) {
    if (raw.equals("assistant")) {
      return Role.ASSISTANT;
    }
    Role role = Role.of(raw);
    if (!role.isKnown()) {
      throw GIVE_UP; // blank or unknown roles are reported
    }
    return role;
  }

  private static FinishReason finishReason(String raw) {
    FinishReason reason = FinishReason.of(raw);
    if (!reason.isKnown()) {
      throw GIVE_UP; // blank, unknown and "error" finish reasons are reported (or an error)
    }
    return reason;
  }

  /** Any JSON value as a Jackson node. */
  private JsonNode value() throws IOException {
    char c = peek();
    switch (c) {
      case '"':
        return TextNode.valueOf(string());
      case 'n':
        literal("null");
        return NullNode.getInstance();
      case 't':
        literal("true");
        return BooleanNode.TRUE;
      case 'f':
        literal("false");
        return BooleanNode.FALSE;
      default:
        int start = pos;
        skipValue();
        if (pos == start) {
          throw GIVE_UP;
        }
        return EXTRA_VALUE.readTree(text.substring(start, pos));
    }
  }

  /**
   * Moves past a number, object or array without reading it: strings are skipped whole, brackets counted. Jackson
   * then reads the span and rejects it unless it is exactly one valid value.
   */
  private void skipValue() {
    char first = chars[pos];
    if (first != '{' && first != '[') {
      while (pos < length && isNumberChar(chars[pos])) {
        pos++;
      }
      return;
    }
    int depth = 0;
    while (pos < length) {
      char c = chars[pos];
      if (c == '"') {
        skipString();
        continue;
      }
      pos++;
      if (c == '{' || c == '[') {
        if (++depth > MAX_SKIP_DEPTH) {
          throw GIVE_UP;
        }
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return;
        }
      }
    }
    throw GIVE_UP;
  }

  private static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  private void skipString() {
    pos++; // the opening quote
    while (pos < length) {
      char c = chars[pos++];
      if (c == '"') {
        return;
      }
      if (c == '\\') {
        pos++;
      }
    }
    throw GIVE_UP;
  }

  /** A JSON integer that fits in a long: no fraction, no exponent, at most 18 digits. */
  private long integer() {
    skipWhitespace();
    boolean negative = pos < length && chars[pos] == '-';
    if (negative) {
      pos++;
    }
    int digitsStart = pos;
    long value = 0;
    while (pos < length) {
      char c = chars[pos];
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      pos++;
    }
    int digits = pos - digitsStart;
    if (digits == 0 || digits > 18 || (digits > 1 && chars[digitsStart] == '0')) {
      throw GIVE_UP;
    }
    if (pos < length && isNumberChar(chars[pos])) {
      throw GIVE_UP; // a fraction or an exponent: Jackson's coercion is left to the tree path
    }
    return negative ? -value : value;
  }

  private int intIndex() {
    long value = integer();
    if (value < 0 || value > Integer.MAX_VALUE) { // a negative index is dropped and reported by the tree path
      throw GIVE_UP;
    }
    return (int) value;
  }

  private String nonBlankString() {
    String value = string();
    if (value.isBlank()) {
      throw GIVE_UP; // blank means absent, and is reported
    }
    return value;
  }

  /**
   * A non-blank JSON string that chunks repeat: the String read last time for the same {@code slot} when its
   * characters are the same (and the string has no escapes), else as {@link #nonBlankString}.
   */
  private String repeatedString(int slot) {
    skipWhitespace();
    String last = repeated[slot];
    if (last != null && pos < length && chars[pos] == '"') {
      int start = pos + 1;
      int end = start + last.length();
      if (end < length && chars[end] == '"' && sameChars(last, start)) {
        pos = end + 1;
        return last;
      }
    }
    int quote = pos;
    String value = nonBlankString();
    if (pos - quote - 2 == value.length()) {
      // written without escapes (an escape always takes more characters than it stands for), so its characters
      // are exactly the text's: a later match is the same string, read the same way
      repeated[slot] = value;
    }
    return value;
  }

  /** Whether {@code chars[start, start + s.length())} are the characters of {@code s}. */
  private boolean sameChars(String s, int start) {
    for (int i = s.length() - 1; i >= 0; i--) { // from the end: ids share their prefix
      if (chars[start + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A JSON string, unescaped; anything but a string gives up. */
  private String string() {
    skipWhitespace();
    if (pos >= length || chars[pos] != '"') {
      throw GIVE_UP;
    }
    int start = ++pos;
    while (pos < length) {
      char c = chars[pos];
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\') {
        return escapedString(start);
      }
      if (c < 0x20) {
        throw GIVE_UP; // JSON forbids raw control characters in strings
      }
      pos++;
    }
    throw GIVE_UP;
  }

  private String escapedString(int start) {
    StringBuilder out = new StringBuilder(pos - start + 16).append(chars, start, pos - start);
    while (pos < length) {
      char c = chars[pos++];
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw GIVE_UP;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= length) {
        throw GIVE_UP;
      }
      char escape = chars[pos++];
      switch (escape) {
        case '"': case '\\': case '/': out.append(escape); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u': out.append(hex4()); break;
        default: throw GIVE_UP;
      }
    }
    throw GIVE_UP;
  }

  private char hex4() {
    if (pos + 4 > length) {
      throw GIVE_UP;
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(chars[pos++], 16);
      if (digit < 0) {
        throw GIVE_UP;
      }
      value = value << 4 | digit;
    }
    return (char) value;
  }

  /** Reads a member name and its colon; names with escapes give up (no member the model names has any). */
  private void key() {
    skipWhitespace();
    if (pos >= length || chars[pos] != '"') {
      throw GIVE_UP;
    }
    keyStart = ++pos;
    while (true) {
      if (pos >= length) {
        throw GIVE_UP;
      }
      char c = chars[pos];
      if (c == '"') {
        break;
      }
      if (c == '\\' || c < 0x20) {
        throw GIVE_UP;
      }
      pos++;
    }
    keyEnd = pos++;
    expect(':');
  }

  private boolean isKey(String name) {
    return keyEnd - keyStart == name.length() && matches(name, keyStart);
  }

  private boolean consumeNull() {
    skipWhitespace();
    if (pos < length && chars[pos] == 'n') {
      literal("null");
      return true;
    }
    return false;
  }

  private boolean matches(String word, int at) {
    if (at + word.length() > length) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (chars[at + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void literal(String word) {
    if (!matches(word, pos)) {
      throw GIVE_UP;
    }
    pos += word.length();
    if (pos < length && Character.isLetterOrDigit(chars[pos])) {
      throw GIVE_UP;
    }
  }

  private char peek() {
    skipWhitespace();
    if (pos >= length) {
      throw GIVE_UP;
    }
    return chars[pos];
  }

  private void expect(char c) {
    if (peek() != c) {
      throw GIVE_UP;
    }
    pos++;
  }

  private boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** JSON whitespace, as Jackson reads it: space, tab, LF, CR. */
  private void skipWhitespace() {
    while (pos < length) {
      char c = chars[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }
}
