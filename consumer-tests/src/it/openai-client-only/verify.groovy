def consumer = evaluate(new File(consumerChecks))

consumer.printedLinesOf('openai-client-only/expected-output.txt')
consumer.hasDependency('io.github.ssekit:ssekit-client-openai')
consumer.hasDependency('io.github.ssekit:ssekit-protocol-openai')
// an OpenAI user gets no OpenCode module, and no annotation processor's annotations
consumer.hasNoDependency('io.github.ssekit:ssekit-protocol-opencode', 'io.github.ssekit:ssekit-client-opencode',
    'org.immutables:*')
