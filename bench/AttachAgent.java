import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM with its options as one string (what {@code jcmd JVMTI.agent_load} cannot
 * pass when they hold '=' signs). Used by {@code cpu-profile.sh} to start and stop async-profiler.
 *
 * <p>Run: {@code java bench/AttachAgent.java PID /path/to/libagent.so OPTIONS}
 */
public class AttachAgent {

  public static void main(String[] args) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgentPath(args[1], args[2]);
    } finally {
      vm.detach();
    }
  }
}
