package io.github.connectemulator.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.github.connectemulator.model.ExecutionStatus;

/**
 * The emulator's Logback configuration, in code: parsing an XML file costs a fifth of a second at start-up. Level and
 * format come from the system properties {@code emulator.log.level} and {@code emulator.log.format} that {@link
 * LogSetup} sets from {@code log.level} and {@code log.format}. A {@code -Dlogback.configurationFile} or a
 * {@code logback-test.xml} on the classpath takes over instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackSetup extends ContextAwareBase implements Configurator {

  static final String LEVEL_PROPERTY = "emulator.log.level";
  static final String FORMAT_PROPERTY = "emulator.log.format";
  /** %X: the request's ids (requestId, xRequestId, traceId) when a line is about a request. */
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg %X%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogbackSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("console");
    appender.setEncoder(encoder(context, System.getProperty(FORMAT_PROPERTY, "text")));
    appender.start();

    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY, "INFO"), Level.INFO));
    root.addAppender(appender);
    context.getLogger("io.netty").setLevel(Level.WARN);
    // vertx-micrometer-metrics registers one event-bus gauge twice at start; Micrometer warns about it, harmlessly.
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
    if (format.equals("json")) {
      var json = new JsonEncoder();
      json.setContext(context);
      // The message as a reader sees it; the request's ids stay under "mdc".
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.start();
      return json;
    }
    var pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern(PATTERN);
    pattern.start();
    return pattern;
  }
}
