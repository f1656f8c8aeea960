package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.CompleteMultipartXml.ChosenPart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompleteMultipartXmlTest {

    @Test
    void partsAreReadInDocumentOrderWithoutQuotesWithChecksumsAndUnknownElementsSkipped() throws IOException {
        String body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Part><ETag>\"aaa\"</ETag><PartNumber>2</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>"
                + "<Part><PartNumber> 1 </PartNumber><ETag>&quot;BBB&quot;</ETag></Part>"
                + "<Part><PartNumber>7</PartNumber><Size>3</Size><ETag>ccc</ETag></Part>"
                + "</CompleteMultipartUpload>";

        List<ChosenPart> parts = parse(body);

        assertThat(parts).containsExactly(new ChosenPart(2, "aaa", Map.of("CRC32", "AAAAAA==")),
                new ChosenPart(1, "BBB"),
                new ChosenPart(7, "ccc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<CompleteMultipartUpload>",
        "not xml at all",
        "<CompleteMultipartUpload></CompleteMultipartUpload>",
        "<Other><Part><PartNumber>1</PartNumber><ETag>a</ETag></Part></Other>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><ETag>a</ETag></Part></CompleteMultipartUpload>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload><Part>"
                + "<PartNumber>1</PartNumber><ETag>&e;</ETag></Part></CompleteMultipartUpload>"})
    void malformedBodiesAreMalformedXml(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "x", "-1"})
    void partNumbersOutsideOneToTenThousandAreInvalidArgument(String partNumber) {
        String body = "<CompleteMultipartUpload><Part><PartNumber>" + partNumber
                + "</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>";

        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }

    @Test
    void moreThanTenThousandPartsAreMalformedXml() {
        var body = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < 10_001; i++) {
            body.append("<Part><PartNumber>1</PartNumber><ETag>a</ETag></Part>");
        }
        body.append("</CompleteMultipartUpload>");

        assertThatThrownBy(() -> parse(body.toString())).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }

    private static List<ChosenPart> parse(String body) throws IOException {
        return CompleteMultipartXml.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
