package io.github.connectemulator.api;

/** Reply to the operations whose output has no members (Update, Delete, Stop). */
public enum Done {
  INSTANCE
}
