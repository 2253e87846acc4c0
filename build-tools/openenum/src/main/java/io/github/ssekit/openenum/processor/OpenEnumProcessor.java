package io.github.ssekit.openenum.processor;

import io.github.ssekit.sse.internal.openenum.GenerateOpenEnums;
import io.github.ssekit.sse.internal.openenum.OpenEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Writes the records declared by {@link GenerateOpenEnums} on a package: one source file per {@link OpenEnum}, in
 * that package, beside the hand-written code (Maven puts them in {@code target/generated-sources/annotations}, which
 * the sources and Javadoc jars include). A declaration it cannot turn into valid Java (a value without a Java name,
 * two values with one name, a name given to a value that is not declared) is a compile error at the annotation.
 */
public final class OpenEnumProcessor extends AbstractProcessor {

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(GenerateOpenEnums.class.getName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    // The generated code is Java 17 (records); it compiles on any later release too.
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(GenerateOpenEnums.class)) {
      PackageElement pkg = (PackageElement) element;
      GenerateOpenEnums declaration = pkg.getAnnotation(GenerateOpenEnums.class);
      for (OpenEnum openEnum : declaration.value()) {
        try {
          write(pkg, new OpenEnumSource(pkg.getQualifiedName().toString(), declaration, openEnum,
              constantNames(openEnum)));
        } catch (IllegalArgumentException e) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, openEnum.name() + ": " + e.getMessage(), pkg);
        }
      }
    }
    return true;
  }

  private void write(PackageElement pkg, OpenEnumSource source) {
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(source.qualifiedName(), pkg);
      try (Writer writer = file.openWriter()) {
        writer.write(source.text());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(source.qualifiedName(), e);
    }
  }

  /**
   * The Java name of each wire value, in declaration order: the one given by hand, or the derived one.
   *
   * @throws IllegalArgumentException for a declaration that would not compile or would be ambiguous
   */
  static Map<String, String> constantNames(OpenEnum openEnum) {
    if (!SourceVersion.isIdentifier(openEnum.name()) || SourceVersion.isKeyword(openEnum.name())) {
      throw new IllegalArgumentException("\"" + openEnum.name() + "\" is not a Java type name");
    }
    if (openEnum.values().length == 0) {
      throw new IllegalArgumentException("no values: an open enum lists at least one documented value");
    }
    Map<String, String> given = new LinkedHashMap<>();
    for (OpenEnum.Name name : openEnum.names()) {
      if (given.put(name.value(), name.constant()) != null) {
        throw new IllegalArgumentException("two names for \"" + name.value() + "\"");
      }
    }
    Map<String, String> byValue = new LinkedHashMap<>();
    Map<String, String> byName = new LinkedHashMap<>();
    for (String value : openEnum.values()) {
      String name = given.containsKey(value) ? given.remove(value) : derivedName(value);
      if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
        throw new IllegalArgumentException("\"" + value + "\" gives no Java name (\"" + name
            + "\"): give it one with @OpenEnum.Name");
      }
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("\"" + value + "\" gives " + name
            + ", which the record uses for itself: give it another with @OpenEnum.Name");
      }
      if (byValue.put(value, name) != null) {
        throw new IllegalArgumentException("\"" + value + "\" is listed twice");
      }
      String previous = byName.put(name, value);
      if (previous != null) {
        throw new IllegalArgumentException("\"" + previous + "\" and \"" + value + "\" both give " + name
            + ": give one of them another with @OpenEnum.Name");
      }
    }
    if (!given.isEmpty()) {
      throw new IllegalArgumentException("names given to values that are not listed: " + given.keySet());
    }
    return byValue;
  }

  /** Names the generated record declares besides the constants. */
  private static final List<String> RESERVED = List.of("KNOWN", "Known");

  /** {@code "step-start"} is {@code STEP_START}: upper case, each run of non-alphanumerics one underscore. */
  static String derivedName(String value) {
    StringBuilder name = new StringBuilder(value.length());
    boolean separator = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (separator && name.length() > 0) {
          name.append('_');
        }
        separator = false;
        name.append(Character.toUpperCase(c));
      } else {
        separator = true;
      }
    }
    return name.toString();
  }
}
