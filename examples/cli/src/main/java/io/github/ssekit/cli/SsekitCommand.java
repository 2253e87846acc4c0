package io.github.ssekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code ssekit} command: dispatches to its subcommands. Exit status 0 success, 1 failure, 2 usage. */
@Command(
    name = "ssekit",
    mixinStandardHelpOptions = true,
    versionProvider = SsekitCommand.Version.class,
    description = "Server-Sent Events for Java: inspect and consume SSE, OpenAI-compatible and OpenCode streams.",
    subcommands = {DemoCommand.class, ChatCommand.class, OpenCodeCommand.class, EventsCommand.class,
        WebCommand.class, SseDumpCommand.class, CommandLine.HelpCommand.class})
public final class SsekitCommand implements Runnable {

  /** Exit status when the command line was wrong or an input could not be read. */
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand");
  }

  /** Runs the command line in this process: Vert.x and Netty log nothing to stderr, a fatal error ends it. */
  public static void main(String[] args) {
    CliProcess.install();
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (for tests: nothing exits). */
  public static int run(String... args) {
    return commandLine().execute(args); // picocli returns 2 on usage errors
  }

  /** The command line with every subcommand; help texts are wrapped by picocli to the terminal's width. */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new SsekitCommand());
    line.setUsageHelpAutoWidth(true);
    return line;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = SsekitCommand.class.getPackage().getImplementationVersion();
      return new String[] {"ssekit " + (v == null ? "(development build)" : v)};
    }
  }
}
