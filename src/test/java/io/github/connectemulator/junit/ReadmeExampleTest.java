package io.github.connectemulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's JUnit 5 example is the test that src/it/embedding runs against the installed artifact, verbatim. */
class ReadmeExampleTest {

  @Test
  void readmeShowsTheEmbeddingTestThatMvnVerifyRuns() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String example = Files.readString(
        Path.of("src/it/embedding/src/test/java/com/example/GreetingFlowTest.java"));
    assertThat(readme).contains("```java\n" + example + "```\n");
  }
}
