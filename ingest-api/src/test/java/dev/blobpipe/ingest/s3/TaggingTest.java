package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaggingTest {

    @Test
    void headerIsUrlEncodedQueryForm() {
        assertThat(Tagging.parseHeader("a=1&b%20c=d%26e&f=")).containsExactly(
                Map.entry("a", "1"), Map.entry("b c", "d&e"), Map.entry("f", ""));
        assertThat(Tagging.parseHeader(null)).isEmpty();
        assertThat(Tagging.parseHeader("")).isEmpty();
    }

    @Test
    void limitsAreS3s() {
        assertThat(Tagging.parseHeader("k".repeat(128) + "=" + "v".repeat(256))).hasSize(1);
        assertInvalidTag("k".repeat(129) + "=v");
        assertInvalidTag("k=" + "v".repeat(257));
        assertInvalidTag("a=1&a=2");
        assertInvalidTag("aws:x=1");
        assertInvalidTag("=v");
        assertInvalidTag("k1=v&k2=v&k3=v&k4=v&k5=v&k6=v&k7=v&k8=v&k9=v&k10=v&k11=v");
    }

    @Test
    void documentTagSetIsRead() throws IOException {
        String xml = "<Tagging><TagSet><Tag><Key>a</Key><Value>1 &amp; 2</Value></Tag>"
                + "<Tag><Key>b</Key><Value></Value></Tag></TagSet></Tagging>";

        var tags = Tagging.parseDocument(XmlTree.parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "Tagging"));

        assertThat(tags).containsExactly(Map.entry("a", "1 & 2"), Map.entry("b", ""));
    }

    @Test
    void documentWithoutTagSetOrValueIsMalformed() {
        for (String xml : new String[] {"<Tagging/>", "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>",
                "<Other/>"}) {
            assertThatThrownBy(() -> Tagging.parseDocument(XmlTree.parse(
                    new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "Tagging")))
                    .as(xml).isInstanceOfSatisfying(S3Exception.class,
                            e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
        }
    }

    private static void assertInvalidTag(String header) {
        assertThatThrownBy(() -> Tagging.parseHeader(header)).as(header).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_TAG));
    }
}
