package io.github.ssekit.openenum.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The processor run by javac on small declarations, as a protocol module runs it: what it generates compiles with
 * doclint on, behaves as an open enum, and a declaration it cannot honour is a compile error that says why.
 */
class OpenEnumProcessorTest {

  @TempDir
  Path dir;

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "stop|STOP",
      "tool_calls|TOOL_CALLS",
      "step-start|STEP_START",
      "end.turn|END_TURN",
      "a--b|A_B",
      "-x-|X",
      "Text|TEXT",
      "4o|4O",
  })
  void derivesTheConstantNameFromTheWireValue(String value, String name) {
    assertEquals(name, OpenEnumProcessor.derivedName(value));
  }

  @Test
  void generatesARecordThatIsAnOpenEnumAndReadsAndWritesItsRawString() throws Exception {
    ClassLoader loader = compileOk("""
        @GenerateOpenEnums(documentedBy = "Acme", sender = "a server", value = {
            @OpenEnum(name = "Colour", doc = "A colour, as sent in {@code colour}.",
                values = {"red", "dark-blue", "4k", "quote\\"d"},
                names = {@OpenEnum.Name(value = "4k", constant = "FOUR_K"),
                    @OpenEnum.Name(value = "quote\\"d", constant = "QUOTED")})})
        package p;
        """);
    Class<?> colour = loader.loadClass("p.Colour");
    assertTrue(colour.isRecord());
    assertTrue(OpenEnum.class.isAssignableFrom(colour));
    @SuppressWarnings("unchecked")
    Class<? extends Enum<?>> known = (Class<? extends Enum<?>>) loader.loadClass("p.Colour$Known");
    assertTrue(KnownValue.class.isAssignableFrom(known));
    assertEquals(List.of("RED", "DARK_BLUE", "FOUR_K", "QUOTED"),
        Arrays.stream(known.getEnumConstants()).map(Enum::name).collect(Collectors.toList()));
    assertEquals(List.of("red", "dark-blue", "4k", "quote\"d"),
        Arrays.stream(known.getEnumConstants()).map(k -> ((KnownValue) k).raw()).collect(Collectors.toList()));

    Method ofString = colour.getMethod("of", String.class);
    OpenEnum<?> darkBlue = (OpenEnum<?>) ofString.invoke(null, "dark-blue");
    assertEquals(colour.getField("DARK_BLUE").get(null), darkBlue);
    assertEquals(Optional.of(known.getEnumConstants()[1]), darkBlue.known());
    OpenEnum<?> green = (OpenEnum<?>) ofString.invoke(null, "green");
    assertEquals("green", green.raw());
    assertFalse(green.isKnown());

    ObjectMapper mapper = new ObjectMapper();
    assertEquals("\"dark-blue\"", mapper.writeValueAsString(darkBlue));
    assertEquals(green, mapper.readValue("\"green\"", colour));
    assertSame(null, mapper.readValue("null", colour));

    String source = generated("p/Colour.java");
    assertTrue(source.contains(" * A colour, as sent in {@code colour}.\n"), source);
    assertTrue(source.contains("any string a server sends is kept"), source);
    assertTrue(source.contains("one of the values Acme documents"), source);
    assertTrue(source.contains(" * @param raw the value exactly as a server sent it\n"), source);
  }

  @Test
  void withoutJacksonTheRecordNamesNoJacksonType() throws Exception {
    ClassLoader loader = compileOk("""
        @GenerateOpenEnums(documentedBy = "Acme", sender = "a server", jackson = false, value = {
            @OpenEnum(name = "Size", doc = "A size.", values = {"small", "large"}),
            @OpenEnum(name = "Shape", doc = "A shape.", values = {"round"}, documentedFor = "for shapes")})
        package p;
        """);
    Class<?> size = loader.loadClass("p.Size");
    assertEquals(0, size.getRecordComponents()[0].getAnnotations().length);
    assertFalse(generated("p/Size.java").contains("jackson"));
    assertTrue(generated("p/Shape.java").contains("one of the values Acme documents for shapes."));
    assertTrue(Modifier.isFinal(size.getField("SMALL").getModifiers()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a value without a Java name|values = {\"4k\"}|\"4k\" gives no Java name",
      "an empty value|values = {\"\"}|\"\" gives no Java name",
      "two values with one name|values = {\"a-b\", \"a_b\"}|\"a-b\" and \"a_b\" both give A_B",
      "a value listed twice|values = {\"a\", \"a\"}|\"a\" is listed twice",
      "a name the record uses|values = {\"known\"}|\"known\" gives KNOWN, which the record uses for itself",
      "a name given to nothing|values = {\"a\"}, names = @OpenEnum.Name(value = \"b\", constant = \"B\")"
          + "|names given to values that are not listed: [b]",
      "a given name that is no Java name|values = {\"a\"}, names = @OpenEnum.Name(value = \"a\", constant = \"1\")"
          + "|\"a\" gives no Java name",
      "no values|values = {}|no values",
  })
  void refusesADeclarationItCannotHonour(String what, String attributes, String message) throws Exception {
    List<Diagnostic<? extends JavaFileObject>> errors = compile("""
        @GenerateOpenEnums(documentedBy = "Acme", sender = "a server", value = {
            @OpenEnum(name = "Bad", doc = "Bad.", %s)})
        package p;
        """.formatted(attributes));
    assertEquals(1, errors.size(), errors::toString);
    String error = errors.get(0).getMessage(Locale.ROOT);
    assertTrue(error.contains("Bad: " + message), error);
  }

  private ClassLoader compileOk(String packageInfo) throws Exception {
    List<Diagnostic<? extends JavaFileObject>> errors = compile(packageInfo);
    assertEquals(List.of(), errors);
    return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
  }

  /** Compiles one package-info.java with the processor, doclint on (as javadoc's failOnWarnings); the errors. */
  private List<Diagnostic<? extends JavaFileObject>> compile(String packageInfo) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/p"));
    String imports = "\n\nimport io.github.ssekit.sse.internal.openenum.GenerateOpenEnums;\nimport io.github.ssekit.sse.internal.openenum.OpenEnum;\n";
    Files.writeString(sources.resolve("package-info.java"), packageInfo.replace("package p;", "package p;" + imports),
        StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(dir.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(List.of(
          "--release", "17", "-Xdoclint:all,-missing", "-Werror", "-Xlint:all,-processing",
          "-classpath", testClassPath(), "-d", dir.resolve("classes").toString(),
          "-s", dir.resolve("generated").toString()));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
          files.getJavaFileObjects(sources.resolve("package-info.java")));
      task.setProcessors(List.of(new OpenEnumProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING)
        .collect(Collectors.toList());
  }

  private String generated(String path) throws Exception {
    return Files.readString(dir.resolve("generated").resolve(path), StandardCharsets.UTF_8);
  }

  /** The test's class path: the annotations, sse-core and Jackson, which a protocol module compiles against. */
  private static String testClassPath() {
    // Surefire starts the JVM with a manifest-only jar; the real class path is in this property.
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return path;
  }
}
