package io.github.connectemulator.bus;


/**
 * The emulator's public event-bus addresses: one per AWS operation, and the status events (README, "Event bus").
 * The owners' own addresses ({@code connect-emulator.owner.N}) are internal and not part of this contract.
 */
public final class BusAddresses {

  /** Request address of an operation: this prefix + its AWS name (OperationNames), e.g. {@code connect-emulator.api.StartTestCaseExecution}. */
  public static final String API_PREFIX = "connect-emulator.api.";
  /** Every execution transition of every instance is published here. */
  public static final String EVENTS = "connect-emulator.events";

  private BusAddresses() {}

  public static String operation(String awsName) {
    return API_PREFIX + awsName;
  }

  /** The transitions of one instance's executions only. */
  public static String events(String instanceId) {
    return EVENTS + "." + instanceId;
  }
}
