package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void queryDecodingTurnsPlusIntoSpace() {
        assertThat(PercentEncoding.decodeQuery("a+b%2Bc%20d")).isEqualTo("a b+c d");
    }

    @Test
    void pathDecodingKeepsPlus() {
        assertThat(PercentEncoding.decodePath("a+b")).isEqualTo("a+b");
    }

    @Test
    void listingEncodingKeepsUnreservedSlashAndStarAndEncodesTheRest() {
        assertThat(PercentEncoding.encodeListingName("dir/a b~c*d_e-f.g")).isEqualTo("dir/a+b%7Ec*d_e-f.g");
        assertThat(PercentEncoding.encodeListingName("é\u0001&<")).isEqualTo("%C3%A9%01%26%3C");
        assertThat(PercentEncoding.encodeListingName("a+b")).isEqualTo("a%2Bb");
    }

    @Test
    void listingEncodingRoundTripsThroughQueryDecoding() {
        String key = "weird key/+%&=?#€\u0007";
        assertThat(PercentEncoding.decodeQuery(PercentEncoding.encodeListingName(key))).isEqualTo(key);
    }
}
