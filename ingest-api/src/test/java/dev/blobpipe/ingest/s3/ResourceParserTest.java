package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Resource.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceParserTest {
    private final ResourceParser parser = new ResourceParser(List.of("localhost", "s3.example.com"));

    @Test
    void rootIsTheService() {
        assertThat(parser.parse("127.0.0.1:9000", "/").shape()).isEqualTo(Shape.SERVICE);
    }

    @Test
    void pathStyleFirstSegmentIsTheBucket() {
        assertThat(parser.parse("127.0.0.1:9000", "/photos")).isEqualTo(new S3Resource("photos", null));
        assertThat(parser.parse("127.0.0.1:9000", "/photos/").shape()).isEqualTo(Shape.BUCKET);
        assertThat(parser.parse("127.0.0.1:9000", "/photos/2024/a.jpg"))
                .isEqualTo(new S3Resource("photos", "2024/a.jpg"));
    }

    @Test
    void pathStyleKeepsEmptySegments() {
        assertThat(parser.parse(null, "/b/a//c").key()).isEqualTo("a//c");
        assertThat(parser.parse(null, "/b//").key()).isEqualTo("/");
        assertThat(parser.parse(null, "/b/a/").key()).isEqualTo("a/");
    }

    @Test
    void encodedSlashDecodesIntoTheKeyButNeverSplitsBucketFromKey() {
        assertThat(parser.parse(null, "/b/a%2Fc")).isEqualTo(new S3Resource("b", "a/c"));
        assertThat(parser.parse(null, "/b%2Fx/k")).isEqualTo(new S3Resource("b/x", "k"));
    }

    @Test
    void pathDecodingKeepsPlusAndDecodesUtf8() {
        assertThat(parser.parse(null, "/b/a+b%20c").key()).isEqualTo("a+b c");
        assertThat(parser.parse(null, "/b/%E2%82%AC%F0%9F%98%80").key()).isEqualTo("€😀");
        assertThat(parser.parse(null, "/b/%25").key()).isEqualTo("%");
    }

    @Test
    void virtualHostTakesTheBucketFromTheHostAndTheWholePathAsKey() {
        assertThat(parser.parse("photos.localhost:9000", "/2024//a.jpg"))
                .isEqualTo(new S3Resource("photos", "2024//a.jpg"));
        assertThat(parser.parse("my.dotted.bucket.S3.Example.com", "/")).isEqualTo(
                new S3Resource("my.dotted.bucket", null));
    }

    @Test
    void hostThatIsOnlyTheDomainOrAnotherHostIsPathStyle() {
        assertThat(parser.parse("localhost:9000", "/b/k")).isEqualTo(new S3Resource("b", "k"));
        assertThat(parser.parse("photos.elsewhere.org", "/b/k")).isEqualTo(new S3Resource("b", "k"));
        assertThat(parser.parse("[::1]:9000", "/b/k")).isEqualTo(new S3Resource("b", "k"));
    }

    @Test
    void refusesBadEscapesInvalidUtf8AndNul() {
        for (String path : List.of("/b/%", "/b/%2", "/b/%G1", "/b/%C3%28", "/b/%FF", "/b/a%00b")) {
            assertThatThrownBy(() -> parser.parse(null, path))
                    .as(path)
                    .isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_URI));
        }
    }
}
