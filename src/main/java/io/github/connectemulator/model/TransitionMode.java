package io.github.connectemulator.model;

/** How a run advances: on timers, all at once at Start, or only when polled or told to by the admin API. */
public enum TransitionMode {
  TIMED,
  IMMEDIATE,
  MANUAL
}
