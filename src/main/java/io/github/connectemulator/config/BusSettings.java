package io.github.connectemulator.config;

/** The event-bus face: keys {@code bus.*} of {@code conf/emulator.properties}. */
public record BusSettings(
    boolean operations, boolean events, boolean bridge, String bridgeHost, int bridgePort) {}
