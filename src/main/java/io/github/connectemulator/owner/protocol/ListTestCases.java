package io.github.connectemulator.owner.protocol;

/** ListTestCases, validated. */
public record ListTestCases(String instanceId, PageRequest page)
    implements OwnerCommand {

  @Override
  public String operation() {
    return "ListTestCases";
  }
}
