package io.github.connectemulator.owner.journal;

import java.io.IOException;

/** Journal failures for tests outside the journal's package. */
public final class JournalFaults {

  private JournalFaults() {}

  /** The next batch of this journal fails after its bytes are written, as a full or failing disk would. */
  public static void failNextWrite(Journal journal) {
    journal.failNextWrite(new IOException("No space left on device (injected)"));
  }
}
