package io.github.ssekit.cli;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the {@code ssekit} process sets up before a command runs (only {@link SsekitCommand#main}: tests that run
 * commands in their own JVM keep theirs).
 *
 * <ul>
 *   <li>Logging: Vert.x and Netty log through {@code java.util.logging}, and their {@code SEVERE} lines (a reset
 *       connection, an exception a handler threw) would land on stderr between the command's own output. Their
 *       records are dropped; every failure a command cares about reaches it as a typed error, which it reports
 *       itself.
 *   <li>Fatal errors: a {@link VirtualMachineError} (an {@link OutOfMemoryError} above all) thrown on a Vert.x event
 *       loop is caught and logged by Vert.x or Netty, and the loop goes on, or its thread dies; either way the
 *       command may wait forever for an answer that the broken loop will never deliver, and Vert.x's threads keep
 *       the JVM alive. So such an error logged by anyone, or any {@link Error} no thread caught (or anything the
 *       main thread did not), ends the process at once: a message on stderr and exit status {@value #FATAL}, never
 *       a hang.
 * </ul>
 */
final class CliProcess {
  /** The exit status after a fatal error: a failure, as for any other failed command. */
  static final int FATAL = 1;

  private CliProcess() {}

  /** Installs the logging and fatal error handling of the process. */
  static void install() {
    LogManager.getLogManager().reset(); // no console handler: nothing of Vert.x or Netty reaches stderr
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING); // what the fatal watch needs: Vert.x and Netty report errors at WARNING and above
    root.addHandler(new FatalWatch());
    Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
      if (failure instanceof Error || thread.getName().equals("main")) {
        fatal(thread.getName(), failure);
      }
      // an exception that ends another thread (not the loops': Vert.x and Netty catch theirs) is not the
      // command's business; the command reports its own failures
    });
  }

  /**
   * The first {@link VirtualMachineError} (out of memory, stack overflow, an internal error) in a failure's cause
   * chain, or null. Only those: Netty logs a {@link LinkageError} when it probes for a native transport, which is
   * no reason to stop.
   */
  static Error fatalIn(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof VirtualMachineError error) {
        return error;
      }
    }
    return null;
  }

  /** Says what happened on stderr and ends the process without waiting for anything. */
  static void fatal(String thread, Throwable failure) {
    Throwable shown = fatalIn(failure) != null ? fatalIn(failure) : failure;
    try {
      PrintStream err = System.err;
      err.println("ssekit: fatal error on thread " + thread + ": " + shown.getClass().getName()
          + (shown.getMessage() == null ? "" : ": " + shown.getMessage())
          + (shown instanceof OutOfMemoryError ? " (give the JVM more heap, -Xmx, or lower the limits)" : ""));
      err.flush();
    } finally {
      // halt, not exit: shutdown hooks (Vert.x's) may wait on the very loop that broke
      Runtime.getRuntime().halt(FATAL);
    }
  }

  /** Ends the process on a logged {@link Error}; drops every record otherwise. */
  private static final class FatalWatch extends Handler {
    @Override
    public void publish(LogRecord record) {
      if (record != null && record.getThrown() != null && fatalIn(record.getThrown()) != null) {
        fatal(Thread.currentThread().getName(), record.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
