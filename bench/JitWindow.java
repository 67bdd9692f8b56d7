import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What HotSpot's JIT did inside a measured window of a JFR recording: compilations (count, compile time, how many
 * at C2) and deoptimizations, with the longest compilations and the most frequent deoptimization sites. Used by
 * {@code jit-window.sh} to see how much JIT work a benchmark's measured window carries.
 *
 * <p>Run: {@code java bench/JitWindow.java RECORDING.jfr FROM_EPOCH_MS TO_EPOCH_MS [TOP]}
 */
public class JitWindow {

  public static void main(String[] args) throws Exception {
    Instant from = Instant.ofEpochMilli(Long.parseLong(args[1]));
    Instant to = Instant.ofEpochMilli(Long.parseLong(args[2]));
    int top = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int compilations = 0;
    int atC2 = 0;
    long compileNanos = 0;
    Map<String, Long> longest = new HashMap<>();
    Map<String, Integer> deopts = new HashMap<>();
    int deoptCount = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
        continue;
      }
      switch (event.getEventType().getName()) {
        case "jdk.Compilation" -> {
          compilations++;
          compileNanos += event.getDuration().toNanos();
          if (event.getInt("compileLevel") == 4) {
            atC2++;
          }
          longest.merge(name(event.getValue("method")) + " (level " + event.getInt("compileLevel") + ")",
              event.getDuration().toNanos(), Long::sum);
        }
        case "jdk.Deoptimization" -> {
          deoptCount++;
          deopts.merge(event.getString("reason") + " in " + name(event.getValue("method")) + " line "
              + event.getInt("lineNumber"), 1, Integer::sum);
        }
        default -> {
          // other events of the recording
        }
      }
    }
    System.out.printf("in the window: %d compilations (%d at C2), %.2f s of compile time; %d deoptimizations%n",
        compilations, atC2, compileNanos / 1e9, deoptCount);
    longest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(e -> System.out.printf("  %4d ms  %s%n", e.getValue() / 1_000_000, e.getKey()));
    deopts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
        .forEach(e -> System.out.printf("  %4d x   deoptimized: %s%n", e.getValue(), e.getKey()));
  }

  private static String name(RecordedMethod method) {
    String type = method.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
  }
}
