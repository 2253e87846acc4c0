def consumer = evaluate(new File(consumerChecks))

// Jackson 2.17 in the tree and at run time, not only in the POM
consumer.hasDependency('com.fasterxml.jackson.core:jackson-databind', '2.17.2')
consumer.hasDependency('com.fasterxml.jackson.core:jackson-core', '2.17.2')
consumer.hasDependency('com.fasterxml.jackson.datatype:jackson-datatype-jdk8', '2.17.2')
consumer.printed('jackson-databind at run time: 2.17.2')
// and the program works as it does in openai-client-only
consumer.printedLinesOf('openai-client-only/expected-output.txt')
