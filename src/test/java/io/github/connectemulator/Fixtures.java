package io.github.connectemulator;

/** Test data every face of the emulator is tested with. */
public final class Fixtures {

  /** A PUBLISHED-valid document with two observations (spec §6), run in this order: start, greeting. */
  public static final String CONTENT =
      "{\"Version\":\"2025-06-21\",\"Metadata\":{},\"Observations\":["
          + "{\"Identifier\":\"start\",\"Event\":{\"Identifier\":\"e1\",\"Type\":\"TestInitiated\","
          + "\"Actor\":\"System\",\"Properties\":{}},\"Usage\":{\"Type\":\"EXACTLY\"},\"Actions\":[],"
          + "\"Transitions\":{\"NextObservations\":[\"greeting\"]}},"
          + "{\"Identifier\":\"greeting\",\"Event\":{\"Identifier\":\"e2\",\"Type\":\"MessageReceived\","
          + "\"Actor\":\"System\",\"Properties\":{\"Text\":\"Welcome\"}},\"Usage\":{\"Type\":\"EXACTLY\"},"
          + "\"Actions\":[{\"Identifier\":\"a1\",\"Type\":\"TestControl\",\"Parameters\":{\"ActionType\":"
          + "\"TestControl\",\"Command\":{\"Type\":\"EndTest\"}},\"Transitions\":{\"NextAction\":\"\"}}]}]}";

  private Fixtures() {}
}
