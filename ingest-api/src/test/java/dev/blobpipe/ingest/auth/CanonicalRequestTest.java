package dev.blobpipe.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How raw paths, queries and header values become their canonical forms. */
class CanonicalRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/test.txt|/test.txt",
        "''|/",
        "/test$file.text|/test%24file.text",
        "/a b|/a%20b",
        "/a+b|/a%2Bb",
        "/a%2bb|/a%2Bb",
        "/a%2Fb|/a%2Fb",
        "/100%|/100%25",
        "/100%zz|/100%25zz",
        "/é|/%C3%A9",
        "/😀|/%F0%9F%98%80",
        "/a//b/|/a//b/",
        "/~a-b_c.d|/~a-b_c.d",
        "/(x)!|/%28x%29%21",
    })
    void canonicalUriNormalisesEscapesWithoutDecoding(String rawPath, String canonical) {
        assertThat(CanonicalRequest.canonicalUri(rawPath)).isEqualTo(canonical);
    }

    @Test
    void decodedCanonicalUriIsAwsUriEncodeOfTheDecodedPath() {
        assertThat(CanonicalRequest.decodedCanonicalUri("/a%7Eb%2Bc%20d+é")).isEqualTo("/a~b%2Bc%20d%2B%C3%A9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lifecycle|lifecycle=",
        "max-keys=2&prefix=J|max-keys=2&prefix=J",
        "prefix=J&max-keys=2|max-keys=2&prefix=J",
        "b=2&a=1&a=0|a=0&a=1&b=2",
        "prefix=a/b c|prefix=a%2Fb%20c",
        "prefix=a%2fb|prefix=a%2Fb",
        "&&x=1&=y|x=1",
        "uploads&prefix=|prefix=&uploads=",
        "k=v=w|k=v%3Dw",
    })
    void canonicalQuerySortsAndNormalisesEachParameter(String rawQuery, String canonical) {
        assertThat(CanonicalRequest.canonicalQuery(rawQuery)).isEqualTo(canonical);
    }

    @Test
    void canonicalQueryLeavesOutTheExcludedParameter() {
        String rawQuery = "X-Amz-Signature=abc&X-Amz-Date=20130524T000000Z&response-content-type=text%2fplain";

        assertThat(CanonicalRequest.canonicalQuery(rawQuery, "X-Amz-Signature"))
                .isEqualTo("X-Amz-Date=20130524T000000Z&response-content-type=text%2Fplain");
    }

    @Test
    void absentQueryIsEmpty() {
        assertThat(CanonicalRequest.canonicalQuery(null)).isEmpty();
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoinedWithCommas() {
        assertThat(CanonicalRequest.canonicalHeaderValue(List.of("  a   b\t c  ", "d", " e  f")))
                .isEqualTo("a b c,d,e f");
    }

    @Test
    void absentSignedHeaderHasAnEmptyValue() {
        assertThat(CanonicalRequest.canonicalHeaderValue(null)).isEmpty();
    }
}
