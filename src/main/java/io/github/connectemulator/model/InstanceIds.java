package io.github.connectemulator.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Instance identifiers: a bare id and the instance ARN that contains it name the same instance. */
public final class InstanceIds {

  private static final String UUID = "[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}";

  /** The model's InstanceIdOrArn pattern (spec §3): a lowercase UUID, optionally inside an instance ARN. */
  public static final String ID_OR_ARN_PATTERN =
      "^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:instance/)?" + UUID + "$";

  private static final Pattern INSTANCE_ARN =
      Pattern.compile("^arn:[a-z-]+:connect:[a-z0-9-]+:[0-9]{1,20}:instance/(" + UUID + ")$");

  private InstanceIds() {}

  /**
   * The key of an instance in the emulator's state: the instance id alone, or, for a caller whose SigV4 access key
   * is configured with an account, {@code account/instance}, so that each such account has instances of its own.
   * A {@code /} (or {@code %}) inside the id itself is escaped, so that no id reaches an account's instance: an
   * unscoped caller's {@code 123456789012%2Fid} path label must not name account 123456789012's instance {@code id}.
   */
  public static String scoped(String account, String instanceId) {
    String id = instanceId.indexOf('/') < 0 && instanceId.indexOf('%') < 0
        ? instanceId
        : instanceId.replace("%", "%25").replace("/", "%2F");
    return account == null ? id : account + "/" + id;
  }

  /** The account of a scoped instance key, or null. */
  public static String accountOf(String instanceKey) {
    int slash = instanceKey.indexOf('/');
    return slash < 0 ? null : instanceKey.substring(0, slash);
  }

  /** The instance id of a scoped instance key. */
  public static String idOf(String instanceKey) {
    return instanceKey.substring(instanceKey.indexOf('/') + 1);
  }

  /** The instance id inside an instance ARN, or the value itself when it is not one. */
  public static String canonical(String instanceIdOrArn) {
    if (!instanceIdOrArn.startsWith("arn:")) {
      return instanceIdOrArn;
    }
    Matcher arn = INSTANCE_ARN.matcher(instanceIdOrArn);
    return arn.matches() ? arn.group(1) : instanceIdOrArn;
  }
}
