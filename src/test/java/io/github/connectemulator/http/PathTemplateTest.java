package io.github.connectemulator.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.connectemulator.operations.OperationCatalog;
import io.github.connectemulator.operations.OperationSpec;
import io.github.connectemulator.operations.PageTokens;
import java.time.Clock;
import io.vertx.core.internal.net.RFC3986;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

  private static final String START = "/test-cases/{InstanceId}/{TestCaseId}/start-execution";
  private static final String SUMMARY = "/test-cases/{InstanceId}/{TestCaseId}/{TestCaseExecutionId}/summary";

  @Test
  void labelsAreDecodedInTheirOrder() {
    PathTemplate summary = PathTemplate.parse(SUMMARY);
    assertArrayEquals(new String[] {"arn:aws:connect:us-east-1:1:instance/i", "tc", "e"},
        summary.match("/test-cases/arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fi/tc/e/summary"));
    assertEquals(2, summary.labelIndex("TestCaseExecutionId"));
    assertEquals(-1, summary.labelIndex("Nope"));
    assertEquals("/test-cases/:InstanceId/:TestCaseId/:TestCaseExecutionId/summary", summary.routeName());
  }

  @Test
  void aLabelIsOneNonEmptySegmentAndOneTrailingSlashIsAllowed() {
    PathTemplate start = PathTemplate.parse(START);
    assertArrayEquals(new String[] {"i", "t"}, start.match("/test-cases/i/t/start-execution/"));
    assertNull(start.match("/test-cases/i//start-execution"));
    assertNull(start.match("/test-cases/i/t/start-execution//"));
    assertNull(start.match("/test-cases/i/t/x/start-execution"));
    assertNull(start.match("/test-cases/i/t/start-executions"));
    assertNull(start.match("/test-cases/i/t"));
    assertNull(start.match("test-cases/i/t/start-execution"));
    assertNull(start.match(""));
  }

  @Test
  void aLabelThatIsNotPercentEncodingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(START).match("/test-cases/%ZZ/t/start-execution"));
  }

  @Test
  void aTemplateWithoutLabelsMatchesItsPath() {
    PathTemplate search = PathTemplate.parse("/search-test-cases");
    assertArrayEquals(new String[0], search.match("/search-test-cases"));
    assertArrayEquals(new String[0], search.match("/search-test-cases/"));
    assertNull(search.match("/search-test-cases/x"));
    assertNull(search.match("/search-test-case"));
  }

  @Test
  void malformedTemplatesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("test-cases/{InstanceId}"));
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/test-cases//{InstanceId}"));
    assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse("/test-cases/x{InstanceId}"));
  }

  /**
   * Against the regular expression vertx-web builds for the same template ({@code RouteImpl.createPatternRegex}) and
   * its decoding of path parameters, on random paths made of the templates' own pieces, for every operation's path.
   */
  @Test
  void matchesWhatVertxWebsRouteForTheTemplateMatches() {
    var random = new Random(15);
    String[] pieces = {"/", "/", "/", "test-cases", "summary", "start-execution", "records", "i-1", "%2F", "%3A",
        "a", "-", "search-test-cases", "test-case-executions", "test-cases-summary"};
    int matched = 0;
    for (OperationSpec operation : catalogWithoutOwners()) {
      PathTemplate template = PathTemplate.parse(operation.pathTemplate());
      Pattern vertxWeb = vertxWebPattern(operation.pathTemplate());
      List<String> paths = new ArrayList<>();
      paths.add(operation.pathTemplate().replaceAll("\\{\\w+}", "v"));
      paths.add(operation.pathTemplate().replaceAll("\\{\\w+}", "v") + "/");
      for (int i = 0; i < 3000; i++) {
        // Mostly the template with its labels filled at random, sometimes pieces at random.
        String path = random.nextInt(4) == 0
            ? randomPath(random, pieces)
            : fill(operation.pathTemplate(), random, pieces);
        paths.add(path);
      }
      for (String path : paths) {
        Matcher m = vertxWeb.matcher(path);
        String[] expected = null;
        if (m.matches()) {
          expected = new String[m.groupCount()];
          for (int g = 0; g < expected.length; g++) {
            expected[g] = RFC3986.decodeURIComponent(m.group(g + 1), false);
          }
          matched++;
        }
        assertArrayEquals(expected, template.match(path), () -> operation.name() + " on " + path);
      }
    }
    assertEquals(true, matched > 1000, "too few matching paths to compare: " + matched);
  }

  /** The operations' bindings; nothing here calls them, so they need no owners. */
  private static List<OperationSpec> catalogWithoutOwners() {
    return new OperationCatalog(null, new PageTokens(Clock.systemUTC())).operations();
  }

  private static String fill(String template, Random random, String[] pieces) {
    var out = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=})")) {
      if (part.startsWith("{")) {
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
          String piece = pieces[random.nextInt(pieces.length)];
          out.append(random.nextInt(5) == 0 ? piece : piece.replace("/", "x"));
        }
      } else {
        out.append(part);
      }
    }
    if (random.nextInt(6) == 0) {
      out.append('/');
    }
    return out.toString();
  }

  private static String randomPath(Random random, String[] pieces) {
    var out = new StringBuilder();
    int n = 1 + random.nextInt(10);
    for (int i = 0; i < n; i++) {
      out.append(pieces[random.nextInt(pieces.length)]);
    }
    return out.toString();
  }

  /** vertx-web 5's pattern for a path with {@code :param}s: each a {@code [^/]+} group, then an optional slash. */
  private static Pattern vertxWebPattern(String template) {
    String regex = template.replaceAll("([\\(\\)\\$\\+\\.])", "\\\\$1").replaceAll("\\{\\w+}", "([^/]+)") + "/?";
    return Pattern.compile(regex);
  }
}
