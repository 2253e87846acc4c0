package io.github.ssekit.sse.testing;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The one test of open enums, table-driven: a protocol module's test extends it with only its table (each open enum
 * and the wire values it documents, {@link OpenEnumContract#of}) and its JSON mappers, and each row is checked
 * against {@link OpenEnumContract}: the documented values and their constants, every value found again from its raw
 * string, undocumented values kept as sent, equality by the raw string, and each mapper writing and reading the bare
 * raw string.
 */
public abstract class OpenEnumTable {

  /** The module's open enums, one row each: {@code OpenEnumContract.of(FinishReason.class, "stop", "length")}. */
  protected abstract List<OpenEnumContract.Case<?, ?>> openEnums();

  /**
   * The mappers the records must work with: the module's own, and an unconfigured one (the annotations on the type
   * alone must carry the raw string); empty for a module whose open enums have no JSON binding.
   */
  protected abstract List<OpenEnumContract.Json> mappers();

  @TestFactory
  Stream<DynamicNode> everyOpenEnumKeepsTheContract() {
    List<OpenEnumContract.Case<?, ?>> openEnums = openEnums();
    if (openEnums.isEmpty()) {
      throw new AssertionError("an empty table checks nothing");
    }
    return openEnums.stream().map(openEnum -> DynamicContainer.dynamicContainer(openEnum.toString(), Stream.concat(
        Stream.of(DynamicTest.dynamicTest("values, constants, lookup, equality", openEnum::check)),
        mappers().stream().map(json -> DynamicTest.dynamicTest("JSON with " + json, () -> openEnum.checkJson(json))))));
  }
}
