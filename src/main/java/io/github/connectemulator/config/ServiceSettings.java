package io.github.connectemulator.config;

/**
 * How the emulator behaves as a service in a container or behind a mesh: HTTP limits, metrics, logs, shutdown.
 * Each component is one key of {@code conf/emulator.properties}, documented there.
 *
 * @param portFile where to write the ports once serving ({@code service.portFile}), or null for nowhere
 */
public record ServiceSettings(
    int eventLoops,
    boolean h2c,
    int idleTimeoutSeconds,
    int maxInitialLineLength,
    int maxHeaderBytes,
    int maxConcurrentStreams,
    boolean metricsEnabled,
    boolean eventBusMetrics,
    boolean httpServerMetrics,
    String logLevel,
    String logFormat,
    boolean logRequests,
    long shutdownDrainDelayMillis,
    long shutdownGracePeriodMillis,
    java.nio.file.Path portFile) {}
