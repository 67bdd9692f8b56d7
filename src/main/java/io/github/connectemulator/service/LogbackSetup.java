package io.github.connectemulator.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.ILoggerFactory;

/**
 * The emulator's Logback configuration, in code (parsing an XML file costs a fifth of a second at start-up), applied
 * by {@link LogSetup} from {@code log.level} and {@code log.format} when the emulator runs as a program. Only loaded
 * when Logback is on the classpath: Logback is an optional dependency, in the runnable jar but not forced on the
 * users of the library. Not registered as a Logback {@code Configurator}, so that the library jar never changes the
 * logging of an application or a test that embeds the emulator.
 */
final class LogbackSetup {

  private LogbackSetup() {}

  /** Replaces the configuration Logback gave itself (its defaults) with a console appender in the given format. */
  static void configure(ILoggerFactory factory, String level, String format) {
    LoggerContext context = (LoggerContext) factory;
    context.reset();
    var appender = new ConsoleAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setName("console");
    appender.setEncoder(encoder(context, format));
    appender.start();

    var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(appender);
    context.getLogger("io.netty").setLevel(Level.WARN);
    // vertx-micrometer-metrics registers one event-bus gauge twice at start; Micrometer warns about it, harmlessly.
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
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
    // The request's ids (requestId, xRequestId, traceId) end a line that is about a request.
    var layout = new TextLayout();
    layout.setContext(context);
    layout.start();
    var text = new LayoutWrappingEncoder<ILoggingEvent>();
    text.setContext(context);
    text.setLayout(layout);
    text.start();
    return text;
  }
}
