def consumer = evaluate(new File(consumerChecks))

consumer.printed(
    'provider got: POST /v1/chat/completions streaming',
    'streamed: Hello, consumer!',
    'content: Hello, consumer!',
    'finish reason: stop',
    'usage: prompt=9 completion=4 total=13',
    'done received: true, truncated: false, errors: [], diagnostics: []',
    'closed',
    // printed by a shutdown hook: the JVM ended on its own once the program had closed what it opened
    'process ended')
consumer.hasDependency('io.github.ssekit:ssekit-client-openai')
consumer.hasDependency('io.github.ssekit:ssekit-protocol-openai')
// an OpenAI user gets no OpenCode module, and no annotation processor's annotations
consumer.hasNoDependency('io.github.ssekit:ssekit-protocol-opencode', 'io.github.ssekit:ssekit-client-opencode',
    'org.immutables:*')
