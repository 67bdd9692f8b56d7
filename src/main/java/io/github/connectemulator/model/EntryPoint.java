package io.github.connectemulator.model;

/**
 * How a test run enters the contact flow. Exactly one of the parameter groups is normally set, matching
 * {@code type}; all members are optional on the wire, so any may be null.
 */
public record EntryPoint(String type, VoiceCall voiceCall, Chat chat) {

  public record VoiceCall(String sourcePhoneNumber, String destinationPhoneNumber, String flowId) {}

  public record Chat(String flowId) {}
}
