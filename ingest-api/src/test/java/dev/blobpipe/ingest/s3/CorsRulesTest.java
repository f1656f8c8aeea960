package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.CorsRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorsRulesTest {
    private static final CorsRule SITE = new CorsRule("site", List.of("https://*.example.com", "http://localhost:3000"),
            List.of("GET", "PUT"), List.of("Content-Type", "x-amz-*"), List.of("ETag"), 300);
    private static final CorsRule ANYONE_READS = new CorsRule(null, List.of("*"), List.of("GET", "HEAD"), List.of(),
            List.of(), -1);

    @Test
    void wildcardOriginMatchesAnyMiddleButKeepsPrefixAndSuffix() {
        assertThat(CorsRules.wildcardMatches("https://*.example.com", "https://a.b.example.com")).isTrue();
        assertThat(CorsRules.wildcardMatches("https://*.example.com", "http://a.example.com")).isFalse();
        assertThat(CorsRules.wildcardMatches("https://*.example.com", "https://example.com")).isFalse();
        assertThat(CorsRules.wildcardMatches("*", "null")).isTrue();
        assertThat(CorsRules.wildcardMatches("http://localhost:3000", "http://localhost:3001")).isFalse();
    }

    @Test
    void overlappingPrefixAndSuffixDoNotMatchAShorterOrigin() {
        assertThat(CorsRules.wildcardMatches("ab*ba", "aba")).isFalse();
        assertThat(CorsRules.wildcardMatches("ab*ba", "abba")).isTrue();
    }

    @Test
    void originsAndMethodsCompareCaseSensitively() {
        assertThat(CorsRules.matchActual(List.of(SITE), "HTTPS://A.EXAMPLE.COM", "GET")).isEmpty();
        assertThat(CorsRules.matchActual(List.of(SITE), "https://a.example.com", "get")).isEmpty();
        assertThat(CorsRules.matchActual(List.of(SITE), "https://a.example.com", "GET")).contains(SITE);
    }

    @Test
    void preflightHeaderNamesMatchCaseInsensitivelyWithWildcards() {
        List<String> requested = CorsRules.requestedHeaders(" CONTENT-TYPE , X-Amz-Date,x-amz-content-sha256 ");

        assertThat(requested).containsExactly("content-type", "x-amz-date", "x-amz-content-sha256");
        assertThat(CorsRules.matchPreflight(List.of(SITE), "https://a.example.com", "PUT", requested)).contains(SITE);
        assertThat(CorsRules.matchPreflight(List.of(SITE), "https://a.example.com", "PUT", List.of("authorization")))
                .isEmpty();
    }

    @Test
    void firstRuleAllowingEverythingAskedWins() {
        List<CorsRule> rules = List.of(SITE, ANYONE_READS);

        assertThat(CorsRules.matchPreflight(rules, "https://x.example.com", "HEAD", List.of())).contains(ANYONE_READS);
        assertThat(CorsRules.matchPreflight(rules, "https://x.example.com", "GET", List.of())).contains(SITE);
        assertThat(CorsRules.matchPreflight(rules, "https://x.example.com", "DELETE", List.of())).isEmpty();
    }

    @Test
    void anyOriginRuleAnswersStarWithoutCredentials() {
        var anyone = CorsRules.actualHeaders(ANYONE_READS, "https://x.test");
        var site = CorsRules.actualHeaders(SITE, "https://x.example.com");

        assertThat(anyone).containsEntry("Access-Control-Allow-Origin", "*")
                .doesNotContainKey("Access-Control-Allow-Credentials").doesNotContainKey("Access-Control-Max-Age");
        assertThat(site).containsEntry("Access-Control-Allow-Origin", "https://x.example.com")
                .containsEntry("Access-Control-Allow-Credentials", "true")
                .containsEntry("Access-Control-Expose-Headers", "ETag");
    }

    @Test
    void validationRefusesUnknownMethodsAndDoubleWildcards() {
        var patch = new CorsRule(null, List.of("*"), List.of("PATCH"), List.of(), List.of(), -1);
        var twoStars = new CorsRule(null, List.of("https://*.*.com"), List.of("GET"), List.of(), List.of(), -1);

        assertThatThrownBy(() -> CorsRules.validate(List.of(patch))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
        assertThatThrownBy(() -> CorsRules.validate(List.of(twoStars))).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_REQUEST));
        assertThatThrownBy(() -> CorsRules.validate(List.of())).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }
}
