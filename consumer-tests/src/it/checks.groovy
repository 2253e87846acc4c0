/*
 * The checks that every consumer project's verify.groovy shares. A verify.groovy loads them with
 *
 *   def consumer = evaluate(new File(consumerChecks))
 *
 * (consumerChecks is a script variable set in consumer-tests/pom.xml: the path of this file) and gets the checks of
 * its own project (basedir). Each check that fails throws an AssertionError whose message starts with the consumer's name and says
 * what was expected and what was found, so that the failed ./mvnw verify says which consumer broke and why.
 */

/** The checks of one consumer project, built and run by the invoker in {@code basedir}. */
final class ConsumerChecks {

  /** One line of `dependency:list`: groupId:artifactId:type[:classifier]:version:scope, then maybe "-- module m". */
  static final class Dependency {
    String groupId
    String artifactId
    String type
    String classifier
    String version
    String scope

    String getKey() {
      "${groupId}:${artifactId}"
    }

    @Override
    String toString() {
      "${groupId}:${artifactId}:${version}${classifier ? ':' + classifier : ''} (${scope})"
    }
  }

  final File basedir
  final String name
  /** consumer-tests/src/it: the sources of every consumer project. */
  final File sources

  ConsumerChecks(File basedir, File sources) {
    this.basedir = basedir
    this.name = basedir.name
    this.sources = sources
  }

  /** The lines of the consumer's build.log: Maven's output and, unprefixed, what its program printed. */
  List<String> buildLog() {
    File log = new File(basedir, 'build.log')
    if (!log.isFile()) {
      fail("no build.log in ${basedir}")
    }
    log.readLines('UTF-8').collect { it.stripTrailing() }
  }

  /** Each of {@code lines} was printed by the program, as a whole line. */
  void printed(String... lines) {
    List<String> log = buildLog()
    List<String> missing = lines.findAll { !log.contains(it) }
    if (missing) {
      fail("the program did not print ${missing.collect { "'${it}'" }.join(', ')} (its output is in build.log above)")
    }
  }

  /**
   * Each line of {@code path} (relative to src/it; blank lines and lines starting with '#' aside) was printed by the
   * program, as a whole line: for expectations that two consumers running the same program share.
   */
  void printedLinesOf(String path) {
    File expected = new File(sources, path)
    if (!expected.isFile()) {
      fail("no file ${expected}")
    }
    printed(expected.readLines('UTF-8').findAll { it.trim() && !it.startsWith('#') } as String[])
  }

  /** The resolved dependencies, as `dependency:list` wrote them to target/dependencies.txt (every scope). */
  List<Dependency> dependencies() {
    File list = new File(basedir, 'target/dependencies.txt')
    if (!list.isFile()) {
      fail("dependency:list wrote no ${list}")
    }
    List<Dependency> dependencies = []
    list.readLines('UTF-8').each { line ->
      // "   g:a:jar:1.0:compile -- module m" (the module part is absent for a jar without a module name)
      def match = line =~ /^\s+(\S+:\S+)(?:\s+--.*)?$/
      if (!match.matches()) {
        return
      }
      List<String> parts = match.group(1).split(':') as List
      if (parts.size() == 5) {
        dependencies << new Dependency(groupId: parts[0], artifactId: parts[1], type: parts[2], version: parts[3],
            scope: parts[4])
      } else if (parts.size() == 6) {
        dependencies << new Dependency(groupId: parts[0], artifactId: parts[1], type: parts[2], classifier: parts[3],
            version: parts[4], scope: parts[5])
      } else {
        fail("cannot read this line of ${list}: '${line}'")
      }
    }
    if (!dependencies) {
      fail("${list} lists no dependency at all: ${list.text}")
    }
    dependencies
  }

  /** The dependency tree holds exactly {@code keys} (groupId:artifactId), nothing more, nothing less. */
  void dependenciesAreExactly(String... keys) {
    List<Dependency> found = dependencies()
    Set<String> expected = keys as Set
    List<Dependency> extra = found.findAll { !expected.contains(it.key) }
    Set<String> absent = expected - found*.key
    if (extra || absent) {
      fail("its dependencies should be exactly ${expected.join(', ')}; "
          + (extra ? "unexpected: ${extra.join(', ')}; " : '') + (absent ? "missing: ${absent.join(', ')}; " : '')
          + "resolved: ${found.join(', ')}")
    }
  }

  /** The dependency tree holds {@code key} (groupId:artifactId), in {@code version} when one is given. */
  void hasDependency(String key, String version = null) {
    List<Dependency> found = dependencies()
    Dependency dependency = found.find { it.key == key }
    if (dependency == null) {
      fail("${key} is not among its dependencies: ${found.join(', ')}")
    }
    if (version != null && dependency.version != version) {
      fail("${key} resolved to ${dependency.version}, not ${version}")
    }
  }

  /**
   * No dependency matches any of {@code patterns}: groupId:artifactId, where {@code *} stands for any characters
   * (such as {@code org.immutables:*}).
   */
  void hasNoDependency(String... patterns) {
    List<Dependency> found = dependencies()
    List<String> regexes = patterns.collect { pattern ->
      pattern.split('\\*', -1).collect { java.util.regex.Pattern.quote(it) }.join('.*')
    }
    List<Dependency> banned = found.findAll { dependency -> regexes.any { dependency.key ==~ it } }
    if (banned) {
      fail("its dependencies must not include ${patterns.join(', ')}, yet they hold ${banned.join(', ')}")
    }
  }

  /** Fails the consumer with a message that names it. */
  void fail(String why) {
    throw new AssertionError("consumer project ${name}: ${why}".toString())
  }
}

// basedir and consumerChecks are the script variables of the verify.groovy that evaluates this file
new ConsumerChecks(basedir, new File(consumerChecks).parentFile)
