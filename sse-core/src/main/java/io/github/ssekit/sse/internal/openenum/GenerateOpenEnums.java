package io.github.ssekit.sse.internal.openenum;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The open enums of a package, declared on its {@code package-info.java}: build-tools/openenum's processor writes
 * one public record per {@link OpenEnum} into that package, with its {@code Known} enum, its constants, its
 * factories and its Javadoc. Source retention: nothing of it reaches the compiled classes.
 *
 * <p>What every open enum of a package shares is said once here: who documents the values and who sends them,
 * which make up the generated Javadoc, and whether the records carry Jackson's annotations.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.PACKAGE)
public @interface GenerateOpenEnums {

  /** Who documents the values, as it reads in "one of the values {@code OpenAI} documents". */
  String documentedBy();

  /** Who sends a value, as it reads in "any string {@code a provider} sends". */
  String sender();

  /**
   * Whether the records carry Jackson's {@code @JsonValue} on {@code raw} and a delegating {@code @JsonCreator}
   * on {@code of(String)}, so any mapper reads and writes the bare raw string. The package then needs
   * jackson-annotations.
   */
  boolean jackson() default true;

  /** The open enums, one record each. */
  OpenEnum[] value();
}
