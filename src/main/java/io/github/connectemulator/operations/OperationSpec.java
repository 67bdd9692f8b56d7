package io.github.connectemulator.operations;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One AWS operation, whatever face calls it: its name, its HTTP binding (method and path template with
 * {@code {Member}} labels), the rules of its members, and its call.
 *
 * @param members the members HTTP carries outside the body, with their rules
 * @param body the JSON schema of the body members (only read), or null when the operation has no body
 * @param bodyRequired whether HTTP callers must send a body
 */
public record OperationSpec(String name, HttpMethod method, String pathTemplate, List<MemberRule> members,
    JsonObject body, boolean bodyRequired, Call call) {

  /** What an operation does with validated members: the reply's JSON, or an AWS failure. */
  @FunctionalInterface
  public interface Call {
    /**
     * @param account the caller's account when its credentials name one (instances are then its own), else null
     * @return the reply body, or null for an operation whose output has no members
     */
    Future<Buffer> invoke(Members members, String account);
  }

  /** Calls the operation; a failure thrown while building its command (a bad NextToken, say) fails the future. */
  public Future<Buffer> invoke(Members members, String account) {
    try {
      return call.invoke(members, account);
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
  }

  /** The rule of a member HTTP carries outside the body, or null. */
  public MemberRule member(String name) {
    int index = memberIndex(name);
    return index < 0 ? null : members.get(index);
  }

  /** Where {@link #members()} has the member called {@code name}; -1 for a body member. */
  public int memberIndex(String name) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
