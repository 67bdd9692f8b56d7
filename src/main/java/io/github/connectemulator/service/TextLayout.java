package io.github.connectemulator.service;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The text log line, written by hand: what Logback's {@code PatternLayout} makes of
 * {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg %X%n} (then the stack trace, if any). A
 * {@code PatternLayout} would load its whole converter table, some 150 classes, at start-up for these five.
 */
final class TextLayout extends LayoutBase<ILoggingEvent> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());
  private static final int LOGGER_LENGTH = 36;

  private final TargetLengthBasedClassNameAbbreviator abbreviator =
      new TargetLengthBasedClassNameAbbreviator(LOGGER_LENGTH);

  @Override
  public String doLayout(ILoggingEvent event) {
    var line = new StringBuilder(128);
    TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
    line.append(' ');
    String level = event.getLevel().toString();
    line.append(level);
    for (int i = level.length(); i < 5; i++) {
      line.append(' ');
    }
    line.append(' ').append(abbreviator.abbreviate(event.getLoggerName()))
        .append(" - ").append(event.getFormattedMessage()).append(' ');
    appendMdc(line, event.getMDCPropertyMap());
    line.append(CoreConstants.LINE_SEPARATOR);
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.append(ThrowableProxyUtil.asString(thrown));
    }
    return line.toString();
  }

  /** {@code %X}: every key as {@code key=value}, separated by ", "; nothing when there is none. */
  private static void appendMdc(StringBuilder line, Map<String, String> mdc) {
    if (mdc == null) {
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      if (!first) {
        line.append(", ");
      }
      first = false;
      line.append(entry.getKey()).append('=').append(entry.getValue());
    }
  }
}
