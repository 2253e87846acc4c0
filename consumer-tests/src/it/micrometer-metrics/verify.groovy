def consumer = evaluate(new File(consumerChecks))

consumer.printed(
    'streamed: Hello from mock!',
    'errors: []',
    'gen_ai.client.operation.duration: count=1 gen_ai.operation.name=chat gen_ai.system=openai '
        + 'gen_ai.request.model=mock-normal error.type=none',
    'server.address tagged: true',
    'gen_ai.client.token.usage input: 11',
    'gen_ai.client.token.usage output: 3',
    'gen_ai.client.operation.time_to_first_chunk: count=1',
    'main returned',
    'process ended')
// ssekit-micrometer brings Micrometer (the version the build uses) and the transport; no OpenCode artifact
consumer.hasDependency('io.github.ssekit:ssekit-micrometer')
consumer.hasDependency('io.github.ssekit:ssekit-client')
consumer.hasDependency('io.micrometer:micrometer-core', '1.17.2')
consumer.hasNoDependency('io.github.ssekit:ssekit-protocol-opencode', 'io.github.ssekit:ssekit-client-opencode',
    'org.immutables:*')
