package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDelta;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.FunctionDelta;
import io.github.ssekit.openai.chat.ImmutableChatChoice;
import io.github.ssekit.openai.chat.ImmutableChatChunk;
import io.github.ssekit.openai.chat.ImmutableChatDelta;
import io.github.ssekit.openai.chat.ImmutableFunctionDelta;
import io.github.ssekit.openai.chat.ImmutableToolCallDelta;
import io.github.ssekit.openai.chat.ImmutableUsage;
import io.github.ssekit.openai.chat.Role;
import io.github.ssekit.openai.chat.ServiceTier;
import io.github.ssekit.openai.chat.ToolType;
import io.github.ssekit.openai.chat.Usage;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;

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
   * The length of each thread's copy of the text it reads: most chunks fit, and reusing it saves an allocation per
   * chunk. Longer text gets an array of its own.
   */
  private static final int BUFFER_SIZE = 2048;

  /**
   * Each thread's reader, reused from chunk to chunk: it keeps what every read would otherwise allocate again (see
   * its fields). A chunk is small and the values it holds are few, so what a read allocates besides them (builders,
   * their collections, a copy of the text) would cost about as much again.
   */
  private static final ThreadLocal<ChatChunkReader> READERS = ThreadLocal.withInitial(ChatChunkReader::new);

  private static final int REPEATED_ID = 0;
  private static final int REPEATED_MODEL = 1;
  private static final int REPEATED_FINGERPRINT = 2;

  // ---- kept from read to read ----------------------------------------------------------------------------------

  private final char[] buffer = new char[BUFFER_SIZE];
  /**
   * The last {@code id}, {@code model}, {@code system_fingerprint} and {@code created} values, which every chunk of a
   * stream repeats: when the same characters come again, the value read last time is returned instead of a new one
   * (equal values, so nothing observable changes).
   */
  private final String[] repeated = new String[3];
  /** Their characters, compared with the text's in one call (a vectorised comparison) rather than one by one. */
  private final char[][] repeatedChars = new char[3][];
  private Long repeatedCreated;
  /**
   * The opening of the last chunk read: its first {@code openingLength} characters, which end just after the comma
   * following a chunk member, every member before it one of {@code id}, {@code object}, {@code created},
   * {@code model}, {@code system_fingerprint}, {@code service_tier} (every chunk of a stream repeats them, about half
   * of a content chunk's text). Reading those characters always leaves the reader in the same state: those values
   * set, those members seen, and a member name next (nothing in them looks past the comma). So a chunk that starts
   * with exactly the same characters resumes there with the values kept below instead of reading them again.
   */
  private final char[] openingChars = new char[BUFFER_SIZE];
  private int openingLength;
  private int openingSeen;
  private String openingId;
  private String openingObject;
  private Long openingCreated;
  private String openingModel;
  private String openingFingerprint;
  private ServiceTier openingServiceTier;
  /**
   * One builder per object kind. An Immutables builder allocates its collections when it is created (a list and a
   * map each: about 240 bytes for the three builders of a content chunk, as much as the chunk's own values), so they
   * are reused. An object's builder is cleared when the object starts (a read that gave up may have left values in
   * it), and no two objects of one kind are ever open at once (a chunk holds choices and usage, a choice holds a
   * delta, a delta holds tool calls and a function call, a tool call holds a function), so one builder per kind
   * serves them all. {@code build()} copies the builder's collections, so a value never shares state with it.
   */
  private final ImmutableChatChunk.Builder chunkBuilder = ImmutableChatChunk.builder();
  private final ImmutableChatChoice.Builder choiceBuilder = ImmutableChatChoice.builder();
  private final ImmutableChatDelta.Builder deltaBuilder = ImmutableChatDelta.builder();
  private final ImmutableToolCallDelta.Builder toolCallBuilder = ImmutableToolCallDelta.builder();
  private final ImmutableFunctionDelta.Builder functionBuilder = ImmutableFunctionDelta.builder();
  private final ImmutableUsage.Builder usageBuilder = ImmutableUsage.builder();
  /** Per object kind, the names of its extra members so far (kinds do not nest in themselves, as above). */
  private final String[][] extraNames = new String[OBJECT_KINDS][];
  /** Whether a read is under way: reads do not nest today, but one that did would get a reader of its own. */
  private boolean reading;

  // ---- the current read ----------------------------------------------------------------------------------------

  /** The text, and a copy of it in chars[0, length) to scan; values are cut from the text. */
  private String text;
  private char[] chars;
  private int length;
  private int pos;
  /** The current member name: chars[keyStart, keyEnd). */
  private int keyStart;
  private int keyEnd;

  private ChatChunkReader() {}

  /** The chunk in {@code data}, or null when the data needs the tree path. */
  static ChatChunk read(String data) {
    ChatChunkReader reader = READERS.get();
    if (reader.reading) {
      reader = new ChatChunkReader();
    }
    reader.reading = true;
    try {
      return reader.document(data);
    } catch (GiveUp | IOException e) {
      return null;
    } finally {
      reader.reading = false;
      reader.text = null; // between reads a thread's reader holds no chunk's text, nor a long text's own array
      reader.chars = null;
    }
  }

  private ChatChunk document(String data) throws IOException {
    // array reads beat String.charAt, which checks the string's coder and bounds on every call
    text = data;
    length = data.length();
    chars = length <= BUFFER_SIZE ? buffer : new char[length];
    data.getChars(0, length, chars, 0);
    pos = 0;
    skipWhitespace();
    ChatChunk chunk = chunk();
    skipWhitespace();
    if (pos != length) {
      throw GIVE_UP;
    }
    return chunk;
  }

  // ---- objects ------------------------------------------------------------------------------------------------
  //
  // One method per object kind, each a loop over its members with a switch on the member's name id: no generic
  // member loop with a callback per kind, and no recursion (a chunk holds choices, which hold a delta, which holds
  // tool calls...). Each method is small enough for the JIT to compile the same way in every run; a generic loop,
  // recursive through a switch over every kind, made one large method whose inlining (and speed) varied from one
  // JVM to the next. Each member case reads the value and yields the member's bit, and {@link #once} gives up on a
  // member sent twice (the tree path keeps the last one and reports it); any other name is an extra member.

  private ChatChunk chunk() throws IOException {
    ImmutableChatChunk.Builder chunk = chunkBuilder.id((String) null).object((String) null).created((Long) null)
        .model((String) null).systemFingerprint((String) null).serviceTier((ServiceTier) null)
        .choices(Collections.emptyList()).usage((Usage) null).extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    // the opening: the members every chunk of a stream repeats, read into these until another member comes
    boolean inOpening = true;
    String id = null;
    String object = null;
    Long created = null;
    String model = null;
    String fingerprint = null;
    ServiceTier serviceTier = null;
    // how much of this chunk's text is known to equal openingChars (copied there or compared with it)
    int openingKnown = 0;
    boolean more;
    if (resumesOpening()) {
      openingKnown = pos;
      seen = openingSeen;
      id = openingId;
      object = openingObject;
      created = openingCreated;
      model = openingModel;
      fingerprint = openingFingerprint;
      serviceTier = openingServiceTier;
      chunk.id(id).object(object).created(created).model(model).systemFingerprint(fingerprint)
          .serviceTier(serviceTier);
      more = true; // the opening ends after a comma: a member follows
    } else {
      more = objectStart();
    }
    if (more) {
      do {
        int bit;
        boolean openingMember = true;
        switch (key()) {
          case NAME_ID:
            id = repeatedString(REPEATED_ID);
            chunk.id(id);
            bit = 1;
            break;
          case NAME_OBJECT:
            if (!CHUNK_OBJECT.equals(string())) {
              throw GIVE_UP;
            }
            object = CHUNK_OBJECT;
            chunk.object(object);
            bit = 1 << 1;
            break;
          case NAME_CREATED:
            created = repeatedCreated(integer());
            chunk.created(created);
            bit = 1 << 2;
            break;
          case NAME_MODEL:
            model = repeatedString(REPEATED_MODEL);
            chunk.model(model);
            bit = 1 << 3;
            break;
          case NAME_SYSTEM_FINGERPRINT:
            fingerprint = repeatedString(REPEATED_FINGERPRINT);
            chunk.systemFingerprint(fingerprint);
            bit = 1 << 4;
            break;
          case NAME_SERVICE_TIER:
            serviceTier = ServiceTier.of(nonBlankString());
            chunk.serviceTier(serviceTier);
            bit = 1 << 5;
            break;
          case NAME_CHOICES:
            openingMember = false;
            if (arrayStart()) {
              do {
                chunk.addChoices(choice());
              } while (nextElement());
            }
            bit = CHUNK_CHOICES;
            break;
          case NAME_USAGE:
            openingMember = false;
            if (!consumeNull()) {
              chunk.usage(usage());
            }
            bit = 1 << 7;
            break;
          case NAME_ERROR:
          case NAME_TYPE:
          case NAME_ERROR_TYPE:
          case NAME_ERROR_MESSAGE:
            throw GIVE_UP; // an error or a ping: the tree path recognises those
          default:
            openingMember = false;
            chunk.putExtra(extraName(CHUNK, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
        if (!nextMember()) {
          break;
        }
        if (inOpening) {
          if (openingMember && pos <= BUFFER_SIZE) {
            openingKnown = keepOpening(openingKnown, seen, id, object, created, model, fingerprint, serviceTier);
          } else {
            inOpening = false;
          }
        }
      } while (true);
    }
    if ((seen & CHUNK_CHOICES) == 0) {
      throw GIVE_UP; // usage-only or extension payloads are decided by the tree path
    }
    return chunk.build();
  }

  /**
   * Whether the text starts with the last opening kept (compared whole, in one vectorised call): if so the reader
   * moves past it, to where reading it would have left it.
   */
  private boolean resumesOpening() {
    int opening = openingLength;
    if (opening == 0 || opening > length || !Arrays.equals(chars, 0, opening, openingChars, 0, opening)) {
      return false;
    }
    pos = opening;
    return true;
  }

  /**
   * Keeps chars[0, pos), which ends just after the comma following an opening member, as the opening, with the
   * state reading it led to; chars[0, known) are already in {@link #openingChars}. Returns how much now is.
   */
  private int keepOpening(int known, int seen, String id, String object, Long created, String model,
      String fingerprint, ServiceTier serviceTier) {
    if (known < pos) {
      // a shorter or different opening kept before is given up first, so that a read giving up half-way never
      // leaves characters and values that do not belong together
      openingLength = Math.min(openingLength, known);
      System.arraycopy(chars, known, openingChars, known, pos - known);
    }
    openingSeen = seen;
    openingId = id;
    openingObject = object;
    openingCreated = created;
    openingModel = model;
    openingFingerprint = fingerprint;
    openingServiceTier = serviceTier;
    openingLength = pos;
    return pos;
  }

  private ImmutableChatChoice choice() throws IOException {
    ImmutableChatChoice.Builder choice = choiceBuilder.index((Integer) null).delta((ChatDelta) null)
        .finishReason((FinishReason) null).logprobs((JsonNode) null).usage((Usage) null)
        .extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    if (objectStart()) {
      do {
        int bit;
        switch (key()) {
          case NAME_INDEX:
            choice.index(intIndex());
            bit = CHOICE_INDEX;
            break;
          case NAME_DELTA:
            choice.delta(delta());
            bit = CHOICE_DELTA;
            break;
          case NAME_FINISH_REASON:
            if (!consumeNull()) {
              choice.finishReason(finishReason(string()));
            }
            bit = 1 << 2;
            break;
          case NAME_LOGPROBS:
            choice.logprobs(value());
            bit = 1 << 3;
            break;
          case NAME_USAGE:
          case NAME_ERROR:
            throw GIVE_UP; // reported (usage in a choice) or an error
          default:
            choice.putExtra(extraName(CHOICE, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
      } while (nextMember());
    }
    if ((seen & (CHOICE_INDEX | CHOICE_DELTA)) != (CHOICE_INDEX | CHOICE_DELTA)) {
      throw GIVE_UP; // no index or no delta: repaired and reported by the tree path
    }
    return choice.build();
  }

  private ImmutableChatDelta delta() throws IOException {
    ImmutableChatDelta.Builder delta = deltaBuilder.role((Role) null).content((String) null).refusal((String) null)
        .reasoningContent((String) null).reasoning((String) null).toolCalls(Collections.emptyList())
        .functionCall((FunctionDelta) null).extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    if (objectStart()) {
      do {
        int bit;
        switch (key()) {
          case NAME_CONTENT:
            if (!consumeNull()) {
              delta.content(string());
            }
            bit = 1;
            break;
          case NAME_ROLE:
            delta.role(role(string()));
            bit = 1 << 1;
            break;
          case NAME_REASONING_CONTENT:
            if (!consumeNull()) {
              delta.reasoningContent(string());
            }
            bit = 1 << 2;
            break;
          case NAME_REASONING:
            if (!consumeNull()) {
              delta.reasoning(string());
            }
            bit = 1 << 3;
            break;
          case NAME_REFUSAL:
            if (!consumeNull()) {
              delta.refusal(string());
            }
            bit = 1 << 4;
            break;
          case NAME_TOOL_CALLS:
            if (arrayStart()) {
              do {
                delta.addToolCalls(toolCall());
              } while (nextElement());
            }
            bit = 1 << 5;
            break;
          case NAME_FUNCTION_CALL:
            delta.functionCall(function());
            bit = 1 << 6;
            break;
          case NAME_REASONING_TEXT:
            throw GIVE_UP; // the name of a derived attribute, which Jackson ignores rather than keeping as extra
          default:
            delta.putExtra(extraName(DELTA, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
      } while (nextMember());
    }
    return delta.build();
  }

  private ImmutableToolCallDelta toolCall() throws IOException {
    ImmutableToolCallDelta.Builder call = toolCallBuilder.index((Integer) null).id((String) null)
        .type((ToolType) null).function((FunctionDelta) null).extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    if (objectStart()) {
      do {
        int bit;
        switch (key()) {
          case NAME_INDEX:
            call.index(intIndex());
            bit = TOOL_CALL_INDEX;
            break;
          case NAME_ID:
            call.id(nonBlankString());
            bit = 1 << 1;
            break;
          case NAME_TYPE:
            call.type(ToolType.of(nonBlankString()));
            bit = 1 << 2;
            break;
          case NAME_FUNCTION:
            call.function(function());
            bit = 1 << 3;
            break;
          default:
            call.putExtra(extraName(TOOL_CALL, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
      } while (nextMember());
    }
    if ((seen & TOOL_CALL_INDEX) == 0) {
      throw GIVE_UP; // a tool call without index is reported
    }
    return call.build();
  }

  private ImmutableFunctionDelta function() throws IOException {
    ImmutableFunctionDelta.Builder function = functionBuilder.name((String) null).arguments((String) null)
        .extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    if (objectStart()) {
      do {
        int bit;
        switch (key()) {
          case NAME_NAME:
            function.name(nonBlankString());
            bit = 1;
            break;
          case NAME_ARGUMENTS:
            function.arguments(string());
            bit = 1 << 1;
            break;
          default:
            function.putExtra(extraName(FUNCTION, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
      } while (nextMember());
    }
    return function.build();
  }

  private ImmutableUsage usage() throws IOException {
    ImmutableUsage.Builder usage = usageBuilder.promptTokens((Long) null).completionTokens((Long) null)
        .totalTokens((Long) null).promptTokensDetails((JsonNode) null).completionTokensDetails((JsonNode) null)
        .extra(Collections.emptyMap());
    int seen = 0;
    int extras = 0;
    if (objectStart()) {
      do {
        int bit;
        switch (key()) {
          case NAME_PROMPT_TOKENS:
            usage.promptTokens(integer());
            bit = 1;
            break;
          case NAME_COMPLETION_TOKENS:
            usage.completionTokens(integer());
            bit = 1 << 1;
            break;
          case NAME_TOTAL_TOKENS:
            usage.totalTokens(integer());
            bit = 1 << 2;
            break;
          case NAME_PROMPT_TOKENS_DETAILS:
            usage.promptTokensDetails(value());
            bit = 1 << 3;
            break;
          case NAME_COMPLETION_TOKENS_DETAILS:
            usage.completionTokensDetails(value());
            bit = 1 << 4;
            break;
          case NAME_CACHED_TOKENS:
          case NAME_REASONING_TOKENS:
            throw GIVE_UP; // names of derived attributes, which Jackson ignores rather than keeping as extra
          default:
            usage.putExtra(extraName(USAGE, extras++), value());
            bit = 0;
        }
        seen = once(seen, bit);
      } while (nextMember());
    }
    return usage.build();
  }

  // ---- structure ----------------------------------------------------------------------------------------------

  /** The object kinds, for {@link #extraName}. */
  private static final int CHUNK = 0;
  private static final int CHOICE = 1;
  private static final int DELTA = 2;
  private static final int TOOL_CALL = 3;
  private static final int FUNCTION = 4;
  private static final int USAGE = 5;
  private static final int OBJECT_KINDS = 6;

  /** The bits of the members the fast path requires. */
  private static final int CHUNK_CHOICES = 1 << 6;
  private static final int CHOICE_INDEX = 1;
  private static final int CHOICE_DELTA = 1 << 1;
  private static final int TOOL_CALL_INDEX = 1;

  /** {@code seen} with a member's {@code bit} (0 for an extra member); a member sent twice gives up. */
  private static int once(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw GIVE_UP;
    }
    return seen | bit;
  }

  /**
   * The current member's name, as extra member number {@code index} of the open object of kind {@code kind}: one
   * sent twice is the tree path's to report, and so are more than {@value #MAX_FAST_EXTRAS} (it checks them for
   * repeats).
   */
  private String extraName(int kind, int index) {
    if (index == MAX_FAST_EXTRAS) {
      throw GIVE_UP;
    }
    String name = text.substring(keyStart, keyEnd);
    String[] names = extraNames[kind];
    if (names == null) {
      names = new String[MAX_FAST_EXTRAS];
      extraNames[kind] = names;
    }
    for (int i = 0; i < index; i++) {
      if (names[i].equals(name)) {
        throw GIVE_UP;
      }
    }
    names[index] = name;
    return name;
  }

  /** Reads an object's opening brace: whether a member follows (else the object was empty and is read). */
  private boolean objectStart() {
    expect('{');
    return !consume('}');
  }

  /** After a member: whether another follows (else the closing brace is read). */
  private boolean nextMember() {
    if (consume(',')) {
      return true;
    }
    expect('}');
    return false;
  }

  /**
   * Reads an array's opening bracket: whether an element follows (else the array was empty and is read). The
   * elements are read in a plain loop with {@link #nextElement}: a lambda per array would be an allocation per chunk.
   */
  private boolean arrayStart() {
    expect('[');
    return !consume(']');
  }

  /** After an element: whether another follows (else the closing bracket is read). */
  private boolean nextElement() {
    if (consume(',')) {
      return true;
    }
    expect(']');
    return false;
  }

  // ---- member names -------------------------------------------------------------------------------------------

  /**
   * The member names the model knows (or that the fast path must give up on), each with an id for the switches
   * above; {@link #NAME_OTHER} is any other name. {@link #key} finds a name's id with one lookup in a hash table,
   * rather than comparing the name with each candidate in turn.
   */
  private static final int NAME_OTHER = 0;
  private static final int NAME_ID = 1;
  private static final int NAME_OBJECT = 2;
  private static final int NAME_CREATED = 3;
  private static final int NAME_MODEL = 4;
  private static final int NAME_SYSTEM_FINGERPRINT = 5;
  private static final int NAME_SERVICE_TIER = 6;
  private static final int NAME_CHOICES = 7;
  private static final int NAME_USAGE = 8;
  private static final int NAME_ERROR = 9;
  private static final int NAME_TYPE = 10;
  private static final int NAME_ERROR_TYPE = 11;
  private static final int NAME_ERROR_MESSAGE = 12;
  private static final int NAME_INDEX = 13;
  private static final int NAME_DELTA = 14;
  private static final int NAME_FINISH_REASON = 15;
  private static final int NAME_LOGPROBS = 16;
  private static final int NAME_CONTENT = 17;
  private static final int NAME_ROLE = 18;
  private static final int NAME_REASONING_CONTENT = 19;
  private static final int NAME_REASONING = 20;
  private static final int NAME_REFUSAL = 21;
  private static final int NAME_TOOL_CALLS = 22;
  private static final int NAME_FUNCTION_CALL = 23;
  private static final int NAME_REASONING_TEXT = 24;
  private static final int NAME_FUNCTION = 25;
  private static final int NAME_NAME = 26;
  private static final int NAME_ARGUMENTS = 27;
  private static final int NAME_PROMPT_TOKENS = 28;
  private static final int NAME_COMPLETION_TOKENS = 29;
  private static final int NAME_TOTAL_TOKENS = 30;
  private static final int NAME_PROMPT_TOKENS_DETAILS = 31;
  private static final int NAME_COMPLETION_TOKENS_DETAILS = 32;
  private static final int NAME_CACHED_TOKENS = 33;
  private static final int NAME_REASONING_TOKENS = 34;

  /** The names, at their ids. */
  private static final String[] NAMES = {
    null, "id", "object", "created", "model", "system_fingerprint", "service_tier", "choices", "usage", "error",
    "type", "error_type", "error_message", "index", "delta", "finish_reason", "logprobs", "content", "role",
    "reasoning_content", "reasoning", "refusal", "tool_calls", "function_call", "reasoningText", "function", "name",
    "arguments", "prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details",
    "completion_tokens_details", "cachedTokens", "reasoningTokens",
  };

  /** Open addressing by {@link String#hashCode()}, four times as many slots as names: a lookup probes one or two. */
  private static final int NAME_SLOTS = 128;
  private static final String[] NAME_TABLE = new String[NAME_SLOTS];
  private static final int[] NAME_TABLE_IDS = new int[NAME_SLOTS];

  static {
    for (int id = 1; id < NAMES.length; id++) {
      int slot = nameSlot(NAMES[id].hashCode());
      while (NAME_TABLE[slot] != null) {
        slot = (slot + 1) & (NAME_SLOTS - 1);
      }
      NAME_TABLE[slot] = NAMES[id];
      NAME_TABLE_IDS[slot] = id;
    }
  }

  private static int nameSlot(int hash) {
    return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & (NAME_SLOTS - 1);
  }

  /** The id of the current member name, whose {@link String#hashCode()} is {@code hash}. */
  private int nameId(int hash) {
    for (int slot = nameSlot(hash); ; slot = (slot + 1) & (NAME_SLOTS - 1)) {
      String name = NAME_TABLE[slot];
      if (name == null) {
        return NAME_OTHER;
      }
      if (isKey(name)) {
        return NAME_TABLE_IDS[slot];
      }
    }
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
    char[] last = repeatedChars[slot];
    if (last != null && pos < length && chars[pos] == '"') {
      int start = pos + 1;
      int end = start + last.length;
      if (end < length && chars[end] == '"' && Arrays.equals(chars, start, end, last, 0, last.length)) {
        pos = end + 1;
        return repeated[slot];
      }
    }
    int quote = pos;
    String value = nonBlankString();
    if (pos - quote - 2 == value.length()) {
      // written without escapes (an escape always takes more characters than it stands for), so its characters
      // are exactly the text's: a later match is the same string, read the same way
      repeated[slot] = value;
      repeatedChars[slot] = value.toCharArray();
    }
    return value;
  }

  /** {@code created}: the Long read last time when the value is the same (every chunk of a stream repeats it). */
  private Long repeatedCreated(long value) {
    Long last = repeatedCreated;
    if (last == null || last != value) {
      last = value;
      repeatedCreated = last;
    }
    return last;
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

  /**
   * Reads a member name and its colon: the name's id ({@link #NAME_OTHER} for a name the model does not know). Names
   * with escapes give up (no member the model names has any).
   */
  private int key() {
    skipWhitespace();
    if (pos >= length || chars[pos] != '"') {
      throw GIVE_UP;
    }
    keyStart = ++pos;
    int hash = 0; // String.hashCode() of the name, computed as it is scanned
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
      hash = 31 * hash + c;
      pos++;
    }
    keyEnd = pos++;
    expect(':');
    return nameId(hash);
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
