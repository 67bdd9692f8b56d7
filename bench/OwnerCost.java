import io.github.connectemulator.config.EmulatorConfig;
import io.github.connectemulator.model.Ids;
import io.github.connectemulator.model.TestCaseStatus;
import io.github.connectemulator.owner.AdjustableClock;
import io.github.connectemulator.owner.ExecutionOwner;
import io.github.connectemulator.owner.protocol.CreateTestCase;
import io.github.connectemulator.owner.protocol.StartExecution;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * The owner's own work per run, with no HTTP, event bus or timers around it: one {@link ExecutionOwner} with the
 * loadtest profile's timings and retention, on the emulator's clock moved a millisecond at a time, given RATE Starts
 * (each with a ClientToken, as the SDKs send) per millisecond for 60 simulated seconds. Prints the CPU time of this
 * thread per run over the last 40 s: start, four steps, the end, retention and eviction.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -XX:+UseG1GC -cp target/connect-test-emulator.jar bench/OwnerCost.java [RATE]}
 */
public class OwnerCost {

  public static void main(String[] args) {
    int perMillisecond = args.length > 0 ? Integer.parseInt(args[0]) : 45;
    // The emulator's own clock, moved a millisecond per round (real time adds some 40 µs a round: 4 % more).
    var clock = new AdjustableClock();
    var owner = new ExecutionOwner(EmulatorConfig.withKeys(Map.of(
        "profile", "loadtest", "owners.count", "1", "http.verticles", "1")), clock);
    String instance = "11111111-2222-3333-4444-555555555555";
    String content = "{\"Observations\":[{\"Identifier\":\"a\"},{\"Identifier\":\"b\"},{\"Identifier\":\"c\"}]}";
    String testCase = owner.create(new CreateTestCase(instance, null, null, null, "owner-cost", content, null, null,
        null, TestCaseStatus.PUBLISHED, null)).testCaseId();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long runs = 0;
    long cpuBefore = 0;
    for (int millisecond = 0; millisecond < 60_000; millisecond++) {
      if (millisecond == 20_000) {
        runs = 0;
        cpuBefore = threads.getCurrentThreadCpuTime();
      }
      for (int i = 0; i < perMillisecond; i++) {
        owner.start(new StartExecution(instance, testCase, Ids.randomUuid()));
        runs++;
      }
      clock.advance(1);
      owner.advance();
    }
    double nanos = (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) runs;
    System.out.printf("owner CPU per run: %.0f ns (%d Starts per ms, %d runs measured, %d retained)%n", nanos,
        perMillisecond, runs, owner.retainedFinished());
  }
}
