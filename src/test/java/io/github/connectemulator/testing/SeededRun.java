package io.github.connectemulator.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a suite's generated cases under a seed of its own: a fresh one each run, printed, so that any run can be
 * replayed. Case {@code i} is generated from (seed, i) alone ({@link Gen#forCase}); every case runs even after a
 * failure (up to {@value #MAX_FAILURES} failures), and the failure names the seed and the index of each failing case.
 *
 * <p>System properties, for a suite with prefix {@code fuzz} and count name {@code requests}: {@code -Dfuzz.seed=S}
 * replays run S, {@code -Dfuzz.case=N} (with the seed) runs only its case N, {@code -Dfuzz.requests=C} runs C cases.
 */
public final class SeededRun {

  private static final int MAX_FAILURES = 20;
  private static final int REPORTED_FAILURES = 5;
  private static final int MESSAGE_CHARS = 3000;

  /** One case: its index and its generator. */
  @FunctionalInterface
  public interface Case {
    void run(int index, Gen gen) throws Exception;
  }

  private record Failure(int index, Throwable error) {}

  private final String suite;
  private final String prefix;
  private final String countName;
  private final int defaultCount;
  private final long seed;
  private final int count;
  private final Integer onlyCase;
  private final Duration timeLimit;

  /**
   * @param timePerCase the time limit is a minute plus this per case: far above a case's usual time, so that only a
   *     hang or a large slow-down fails the run on it
   */
  public SeededRun(Class<?> suite, String prefix, String countName, int defaultCount, Duration timePerCase) {
    this.suite = suite.getSimpleName();
    this.prefix = prefix;
    this.countName = countName;
    this.defaultCount = defaultCount;
    String givenSeed = System.getProperty(prefix + ".seed");
    String givenCase = System.getProperty(prefix + ".case");
    if (givenCase != null && givenSeed == null) {
      throw new IllegalArgumentException("-D" + prefix + ".case needs the seed of its run: -D" + prefix + ".seed");
    }
    this.seed = givenSeed != null ? Long.parseLong(givenSeed.trim()) : new SecureRandom().nextLong();
    this.onlyCase = givenCase == null ? null : Integer.valueOf(givenCase.trim());
    this.count = Integer.parseInt(System.getProperty(prefix + "." + countName, Integer.toString(defaultCount)).trim());
    this.timeLimit = Duration.ofMinutes(1).plus(timePerCase.multipliedBy(onlyCase == null ? count : 1));
  }

  public long seed() {
    return seed;
  }

  /**
   * Whether this run has all its cases, at least as many as by default: only then are assertions over counts
   * collected during the run (how often something happened) certain to hold.
   */
  public boolean isFullRun() {
    return onlyCase == null && count >= defaultCount;
  }

  /** Runs every case (or the one asked for), then fails if any failed, naming each by seed and index. */
  public void forEachCase(Case body) {
    System.out.println(onlyCase == null
        ? suite + " seed=" + seed + " " + countName + "=" + count + " (replay: -D" + prefix + ".seed=" + seed + ")"
        : suite + " seed=" + seed + " case=" + onlyCase + " (replaying that case alone)");
    int first = onlyCase == null ? 0 : onlyCase;
    int end = onlyCase == null ? count : onlyCase + 1;
    var current = new AtomicInteger(first);
    // Read by the time-out message from another thread.
    List<Failure> failures = new CopyOnWriteArrayList<>();
    assertTimeoutPreemptively(timeLimit, () -> {
      for (int index = first; index < end && failures.size() < MAX_FAILURES; index++) {
        current.set(index);
        try {
          body.run(index, Gen.forCase(seed, index));
        } catch (Exception | AssertionError failure) {
          failures.add(new Failure(index, failure));
        }
      }
    }, () -> suite + " seed=" + seed + ": over its time limit of " + timeLimit.toSeconds() + " s at case "
        + current.get() + " (" + replayOne(current.get()) + ")" + (failures.isEmpty() ? "" : "\n" + report(failures)));
    if (!failures.isEmpty()) {
      throw new AssertionError(report(failures), failures.get(0).error());
    }
  }

  private String report(List<Failure> failures) {
    int runCount = onlyCase == null ? count : 1;
    var report = new StringBuilder(suite + " seed=" + seed + ": " + failures.size()
        + (failures.size() >= MAX_FAILURES ? " cases failed, stopped there" : " of " + runCount + " cases failed")
        + " (replay: -D" + prefix + ".seed=" + seed + ", one case: add -D" + prefix + ".case=<index>)");
    for (Failure failure : failures.subList(0, Math.min(REPORTED_FAILURES, failures.size()))) {
      report.append("\ncase ").append(failure.index()).append(" (").append(replayOne(failure.index())).append("): ")
          .append(readable(failure.error()));
    }
    if (failures.size() > REPORTED_FAILURES) {
      report.append("\nand cases ").append(failures.stream().skip(REPORTED_FAILURES)
          .map(failure -> Integer.toString(failure.index())).collect(Collectors.joining(", ")));
    }
    return report.toString();
  }

  private String replayOne(int index) {
    return "-D" + prefix + ".seed=" + seed + " -D" + prefix + ".case=" + index;
  }

  /**
   * The failure's message, cut to a readable length, with every char but printable ASCII and line breaks written as
   * a \\uXXXX escape: generated values hold control characters and lone surrogates, which would garble the report
   * (Surefire cuts it at the first lone surrogate).
   */
  private static String readable(Throwable failure) {
    String text = failure instanceof AssertionError ? String.valueOf(failure.getMessage()) : failure.toString();
    text = text.strip();
    text = text.length() <= MESSAGE_CHARS ? text : text.substring(0, MESSAGE_CHARS) + " ...";
    var escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if ((c >= ' ' && c <= '~') || c == '\n') {
        escaped.append(c);
      } else {
        escaped.append(String.format("\\u%04x", (int) c));
      }
    }
    return escaped.toString();
  }
}
