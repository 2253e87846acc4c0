def consumer = evaluate(new File(consumerChecks))

consumer.printed(
    'event message id= data=hello',
    'event hermes.tool.progress id=7 data={"step":1}',
    'event message id=7 data=line one\\nline two',
    'unhandled events: 0',
    // a named module reading the parser's named module: it ran on the module path
    'module com.example.ssecore read io.github.ssekit.sse')
// the parser has no dependencies at all
consumer.dependenciesAreExactly('io.github.ssekit:ssekit-sse-core')
