def consumer = evaluate(new File(consumerChecks))

// Jackson 2.17 in the tree and at run time, not only in the POM
consumer.hasDependency('com.fasterxml.jackson.core:jackson-databind', '2.17.2')
consumer.hasDependency('com.fasterxml.jackson.core:jackson-core', '2.17.2')
consumer.hasDependency('com.fasterxml.jackson.datatype:jackson-datatype-jdk8', '2.17.2')
consumer.printed(
    'jackson-databind at run time: 2.17.2',
    // the rest as openai-client-only
    'provider got: POST /v1/chat/completions streaming',
    'streamed: Hello, consumer!',
    'content: Hello, consumer!',
    'finish reason: stop',
    'usage: prompt=9 completion=4 total=13',
    'done received: true, truncated: false, errors: [], diagnostics: []',
    'closed',
    'process ended')
