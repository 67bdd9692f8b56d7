package io.github.connectemulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written text line is the one Logback's PatternLayout makes of the pattern it replaces. */
class TextLayoutTest {

  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg %X%n";

  private final LoggerContext context = new LoggerContext();
  private final PatternLayout reference = new PatternLayout();
  private final TextLayout layout = new TextLayout();

  TextLayoutTest() {
    context.setMDCAdapter(new LogbackMDCAdapter());
    reference.setContext(context);
    reference.setPattern(PATTERN);
    reference.start();
    layout.setContext(context);
    layout.start();
  }

  @Test
  void writesAPlainLineAsThePatternDoes() {
    LoggingEvent event = event("io.github.connectemulator.Main", Level.INFO, "listening on port {}", null, 8080);
    assertThat(layout.doLayout(event)).isEqualTo(reference.doLayout(event)).contains("listening on port 8080 ");
  }

  @Test
  void abbreviatesLongLoggerNamesAndPadsShortLevels() {
    LoggingEvent event = event("io.github.connectemulator.service.GracefulShutdown", Level.WARN, "slow", null);
    assertThat(layout.doLayout(event)).isEqualTo(reference.doLayout(event)).contains("WARN  i.g.c.service.");
  }

  @Test
  void endsWithTheMdcAsThePatternDoes() {
    LoggingEvent event = event("access", Level.INFO, "GET /", null);
    event.setMDCPropertyMap(Map.of("requestId", "r-1"));
    assertThat(layout.doLayout(event)).isEqualTo(reference.doLayout(event)).contains("GET / requestId=r-1");
  }

  @Test
  void appendsTheStackTraceAsThePatternDoes() {
    var cause = new IllegalStateException("inner");
    LoggingEvent event = event("io.github.connectemulator.Main", Level.ERROR, "failed to start",
        new RuntimeException("outer", cause));
    assertThat(layout.doLayout(event)).isEqualTo(reference.doLayout(event)).contains("Caused by: ");
  }

  private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
    Logger log = context.getLogger(logger);
    var event = new LoggingEvent(Logger.class.getName(), log, level, message, thrown, args);
    event.setTimeStamp(1_700_000_000_123L);
    return event;
  }
}
