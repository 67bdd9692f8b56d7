package io.github.connectemulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The canonical pieces of a SigV4 request as the specification defines them (the real SDK's signatures are checked
 * end to end in sdk-tests/test/sigv4.test.mjs).
 */
class SigV4CanonicalFormTest {

  @Test
  void thePathIsEncodedAgainSegmentBySegment() {
    assertThat(SigV4Verifier.canonicalPath("/test-cases/arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fabc/t-1"))
        .isEqualTo("/test-cases/arn%253Aaws%253Aconnect%253Aus-east-1%253A1%253Ainstance%252Fabc/t-1");
    assertThat(SigV4Verifier.canonicalPath("")).isEqualTo("/");
    assertThat(SigV4Verifier.canonicalPath("/")).isEqualTo("/");
  }

  @Test
  void theQueryIsDecodedEncodedStrictlyAndSorted() {
    assertThat(SigV4Verifier.canonicalQuery("b=2&a=1&a=0")).isEqualTo("a=0&a=1&b=2");
    assertThat(SigV4Verifier.canonicalQuery("nextToken=a%2Bb%3D&maxResults=10"))
        .isEqualTo("maxResults=10&nextToken=a%2Bb%3D");
    assertThat(SigV4Verifier.canonicalQuery("flag")).isEqualTo("flag=");
    assertThat(SigV4Verifier.canonicalQuery(null)).isEmpty();
  }

  @Test
  void onlyUnreservedCharactersStayAsTheyAre() {
    assertThat(SigV4Verifier.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
    assertThat(SigV4Verifier.encode("a b/c*+é")).isEqualTo("a%20b%2Fc%2A%2B%C3%A9");
  }
}
