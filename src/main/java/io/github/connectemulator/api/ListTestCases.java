package io.github.connectemulator.api;

/** ListTestCases, validated. */
public record ListTestCases(String instanceId, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "ListTestCases";
  }
}
