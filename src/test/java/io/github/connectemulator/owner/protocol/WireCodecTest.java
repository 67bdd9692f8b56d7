package io.github.connectemulator.owner.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.connectemulator.model.ExecutionStatus;
import io.github.connectemulator.operations.AwsErrorType;
import io.github.connectemulator.operations.AwsFailure;
import io.vertx.core.buffer.Buffer;
import io.github.connectemulator.model.ContentDocument;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.model.TestCaseVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire form a clustered event bus would use: every kind of message written and read back equal, next to the
 * pass-through that one JVM uses.
 */
class WireCodecTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T message) {
    LocalCodec<T> codec = LocalCodec.of((Class<T>) message.getClass());
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, message);
    return codec.decodeFromWire("prefix".length(), wire);
  }

  @Test
  void commandsAndRepliesSurviveTheWire() {
    var start = new StartExecution("instance-1", "test-case-1", "token-1");
    assertThat(roundTrip(start)).isEqualTo(start);

    var started = new ExecutionStarted("execution-1", "test-case-1", ExecutionStatus.INITIATED);
    assertThat(roundTrip(started)).isEqualTo(started);

    var stats = new AdminCommand.OwnerLoad(3, 2, 1);
    assertThat(roundTrip(stats)).isEqualTo(stats);

    var stepped = new AdminCommand.StepRuns(null, "execution-1", 2);
    assertThat(roundTrip(stepped)).isEqualTo(stepped);

    var inspect = new AdminCommand.Inspect(
        new ListRecords("instance-1", "test-case-1", "execution-1", null, new PageRequest(100, null)));
    assertThat(roundTrip(inspect)).isEqualTo(inspect);
  }

  @Test
  void aPageKeepsTheTypeOfItsItems() {
    var page = new Page<>(List.of(new ExecutionView("e1", "t1", ExecutionStatus.PASSED, 1L, 2L, Map.of("k", "v"))),
        "next", 1);
    Page<?> back = roundTrip(page);
    assertThat(back).isEqualTo(page);
    assertThat(back.items().get(0)).isInstanceOf(ExecutionView.class);
  }

  /** In cluster mode a Describe or a List answered on another node crosses the wire with the parsed Content. */
  @Test
  void aTestCaseWithItsParsedContentSurvivesTheWire() {
    var document = ContentDocument.parse(io.github.connectemulator.Fixtures.CONTENT).document();
    var version = new TestCaseVersion("name", io.github.connectemulator.Fixtures.CONTENT, null, null, null,
        TestCaseStatus.PUBLISHED, 1L, "us-east-1", "abc", document);
    var view = new TestCaseView("tc-1", "arn:tc-1", Map.of("team", "flows"), version);
    TestCaseView back = roundTrip(view);
    assertThat(back.version().document().observations()).isEqualTo(document.observations());
    assertThat(back).usingRecursiveComparison().isEqualTo(view);
    Page<?> page = roundTrip(new Page<>(List.of(view), null, 1));
    assertThat(page.items().get(0)).isInstanceOf(TestCaseView.class);

    var stats = new AdminCommand.OwnerStats(Map.of("i-1", new AdminCommand.InstanceStats(1, Map.of("PASSED", 2), 0, 0)),
        new long[] {1, 2}, 3);
    assertThat(roundTrip(stats).instances()).isEqualTo(stats.instances());
  }

  @Test
  void anAwsFailureKeepsItsTypeMessageAndProblems() {
    var failure = new AwsFailure(AwsErrorType.INVALID_TEST_CASE, "bad content", List.of("no observations"));
    AwsFailure back = roundTrip(failure);
    assertThat(back.type()).isEqualTo(AwsErrorType.INVALID_TEST_CASE);
    assertThat(back.getMessage()).isEqualTo("bad content");
    assertThat(back.problems()).containsExactly("no observations");
  }

  @Test
  void oneJvmPassesTheSameObject() {
    var start = new StartExecution("instance-1", "test-case-1", null);
    assertThat(LocalCodec.of(StartExecution.class).transform(start)).isSameAs(start);
  }
}
