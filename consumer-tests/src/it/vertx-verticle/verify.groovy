def consumer = evaluate(new File(consumerChecks))

consumer.printed(
    'event message id= data=one',
    'event tick id=2 data=two',
    'event message id=2 data=three',
    'undeployed; deployments left: 0',
    'closed',
    // printed by a shutdown hook: the JVM ended on its own
    'process ended')
consumer.hasDependency('io.github.ssekit:ssekit-client')
consumer.hasDependency('io.vertx:vertx-core')
// the SSE transport alone: no JSON binding (jackson-core comes with vertx-core itself), no protocol module
consumer.hasNoDependency('com.fasterxml.jackson.core:jackson-databind', 'org.immutables:*',
    'io.github.ssekit:ssekit-protocol-*', 'io.github.ssekit:ssekit-client-*')
if (Runtime.version().feature() < 21) {
  // no other Jackson at all; on JDK 21 and later, vertx-core's POM has a profile activated by the JDK ("Java21")
  // that adds Jackson 3 (tools.jackson.core:jackson-core, jackson-databind) and with it jackson-annotations 2.x:
  // Vert.x's doing, not ssekit's
  consumer.hasNoDependency('com.fasterxml.jackson.core:jackson-annotations', 'tools.jackson*')
}
