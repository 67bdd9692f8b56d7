package io.github.connectemulator.owner.protocol;

/** Reply to the operations whose output has no members (Update, Delete, Stop). */
public enum Done {
  INSTANCE
}
