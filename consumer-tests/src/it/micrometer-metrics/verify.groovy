def consumer = evaluate(new File(consumerChecks))

consumer.printed(
    'streamed: Hello, metrics!',
    'gen_ai.client.operation.duration: count=1 gen_ai.operation.name=chat gen_ai.system=openai '
        + 'gen_ai.request.model=consumer-model error.type=none',
    'server.address tagged: true',
    'gen_ai.client.token.usage input: 9',
    'gen_ai.client.token.usage output: 4',
    'gen_ai.client.operation.time_to_first_chunk: count=1',
    'main returned',
    'process ended')
// ssekit-micrometer brings Micrometer (the version the BOM's build used) and the transport, never OpenCode
consumer.hasDependency('io.github.ssekit:ssekit-micrometer')
consumer.hasDependency('io.github.ssekit:ssekit-client')
consumer.hasDependency('io.micrometer:micrometer-core', '1.17.2')
consumer.hasNoDependency('io.github.ssekit:ssekit-protocol-opencode', 'io.github.ssekit:ssekit-client-opencode',
    'org.immutables:*')
