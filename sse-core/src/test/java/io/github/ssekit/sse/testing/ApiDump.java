package io.github.ssekit.sse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The public API of a module as text, one line per public type and member (OkHttp keeps such dumps): a change to
 * the API shows up as a diff of {@code api/<module>.api} in review. Shared through sse-core's test-jar.
 *
 * <p>To accept an intended change, run the module's tests with {@code -Dssekit.api.update=true}.
 */
public final class ApiDump {
  private ApiDump() {}

  /** Dumps the public API reachable from {@code roots}: public types and their public or protected members. */
  public static String dump(List<Class<?>> roots) {
    TreeSet<String> lines = new TreeSet<>();
    List<Class<?>> queue = new ArrayList<>(roots);
    while (!queue.isEmpty()) {
      Class<?> type = queue.remove(0);
      if (!isApi(type)) {
        continue;
      }
      lines.add(describe(type));
      for (Field f : type.getDeclaredFields()) {
        if (isApi(f.getModifiers()) && !f.isSynthetic()) {
          lines.add(type.getName() + "#" + f.getName() + ": " + f.getGenericType().getTypeName());
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (isApi(c.getModifiers()) && !c.isSynthetic()) {
          lines.add(type.getName() + "#<init>" + parameters(c));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          lines.add(type.getName() + "#" + m.getName() + parameters(m) + ": " + m.getGenericReturnType().getTypeName()
              + (Modifier.isStatic(m.getModifiers()) ? " static" : ""));
        }
      }
      queue.addAll(Arrays.asList(type.getDeclaredClasses()));
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * Compares the dump of every class the module under test compiled ({@code target/classes}, packages named
   * {@code internal} excluded) with its file {@code api/<name>.api}; rewrites the file instead when
   * {@code -Dssekit.api.update=true}. Returns a message describing a difference, or null when they agree.
   */
  public static String compare(String name) {
    Path file = Path.of("api", name + ".api");
    String actual = dump(compiledClasses(Path.of("target", "classes")));
    try {
      if (Boolean.getBoolean("ssekit.api.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return null;
      }
      String expected = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (expected.equals(actual)) {
        return null;
      }
      TreeSet<String> added = new TreeSet<>(actual.lines().collect(Collectors.toList()));
      added.removeAll(expected.lines().collect(Collectors.toList()));
      TreeSet<String> removed = new TreeSet<>(expected.lines().collect(Collectors.toList()));
      removed.removeAll(actual.lines().collect(Collectors.toList()));
      return "The public API differs from " + file + " (run the tests with -Dssekit.api.update=true to accept)."
          + "\nadded:\n  " + String.join("\n  ", added) + "\nremoved:\n  " + String.join("\n  ", removed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Class<?>> compiledClasses(Path root) {
    try (var files = Files.walk(root)) {
      List<Class<?>> classes = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList())) {
        String name = root.relativize(f).toString().replace(java.io.File.separatorChar, '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.equals("module-info") || name.endsWith("package-info") || name.contains("$")) {
          continue; // nested types are reached from their enclosing type
        }
        classes.add(Class.forName(name, false, ApiDump.class.getClassLoader()));
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isApi(Class<?> type) {
    return isApi(type.getModifiers()) && !type.isSynthetic() && !type.isAnonymousClass()
        && !type.getPackageName().contains(".internal");
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static String describe(Class<?> type) {
    String kind = type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isAnnotation() ? "@interface"
        : type.isInterface() ? "interface" : (Modifier.isFinal(type.getModifiers()) ? "final " : "")
            + (Modifier.isAbstract(type.getModifiers()) ? "abstract " : "") + "class";
    StringBuilder out = new StringBuilder(type.getName()).append(": ").append(kind);
    Type superType = type.getGenericSuperclass();
    if (superType != null && superType != Object.class && !type.isEnum() && !type.isRecord()) {
      out.append(" extends ").append(superType.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      out.append(" implements ")
          .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return out.toString();
  }

  private static String parameters(Executable e) {
    return Arrays.stream(e.getGenericParameterTypes()).map(Type::getTypeName)
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
