package io.github.ssekit.sse.internal.openenum;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One open enum of a {@link GenerateOpenEnums} declaration: the record's name, its Javadoc sentence and its
 * documented wire values, each written once. (The record it declares implements
 * {@link io.github.ssekit.sse.protocol.OpenEnum}, the public interface; this is only its declaration.)
 *
 * <p>Each wire value becomes a member of the record's {@code Known} enum and a constant of the record, named after
 * it: upper case, every run of other characters than letters and digits an underscore ({@code "step-start"} is
 * {@code STEP_START}). A value that gives no Java name that way (empty, starting with a digit) or that would give
 * the same name as another needs a {@link Name}.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({})
public @interface OpenEnum {

  /** The record's simple name, in the annotated package. */
  String name();

  /** The first sentence of the record's Javadoc: what the value is and where it is sent (Javadoc markup allowed). */
  String doc();

  /** The documented wire values, exactly as they are sent, in the order the {@code Known} enum lists them. */
  String[] values();

  /**
   * What the documented values are for, when they are not all the protocol allows, as it reads in "the values
   * Anthropic documents {@code for streamed assistant content}"; empty for nothing more.
   */
  String documentedFor() default "";

  /** The constant names given by hand, for the values whose derived name does not do. */
  Name[] names() default {};

  /** A constant name given by hand to one wire value. */
  @Retention(RetentionPolicy.SOURCE)
  @Target({})
  @interface Name {

    /** The wire value, one of {@link OpenEnum#values()}. */
    String value();

    /** The Java name of its {@code Known} member and constant. */
    String constant();
  }
}
