package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.VersionId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingXmlTest {
    private static final Owner OWNER = new Owner("owner-id", "Owner");

    @Test
    void urlEncodingAppliesToEveryNameElement() throws IOException {
        var request = new ListingXml.V2Request("bkt", "dir one/", "/", 1000, true, null, "dir one/a&b", false);
        var page = new ListPage(List.of(ListedObject.of(object("dir one/ä <x>"))), List.of("dir one/sub dir/"), false, null);

        String xml = render(xml1 -> ListingXml.writeV2(xml1, request, page, OWNER));

        assertThat(xml)
                .contains("<Prefix>dir+one/</Prefix>")
                .contains("<Delimiter>/</Delimiter>")
                .contains("<StartAfter>dir+one/a%26b</StartAfter>")
                .contains("<Key>dir+one/%C3%A4+%3Cx%3E</Key>")
                .contains("<CommonPrefixes><Prefix>dir+one/sub+dir/</Prefix></CommonPrefixes>")
                .contains("<EncodingType>url</EncodingType>");
    }

    @Test
    void withoutEncodingNamesAreXmlEscaped() throws IOException {
        var request = new ListingXml.V2Request("bkt", null, null, 1000, false, null, null, false);
        var page = new ListPage(List.of(ListedObject.of(object("a<b>&c"))), List.of(), false, null);

        String xml = render(xml1 -> ListingXml.writeV2(xml1, request, page, OWNER));

        assertThat(xml).contains("<Key>a&lt;b&gt;&amp;c</Key>").contains("<Prefix></Prefix>")
                .doesNotContain("EncodingType").doesNotContain("<Owner>");
    }

    @Test
    void truncatedV2PageCarriesTheNextTokenAndEchoesTheCurrentOne() throws IOException {
        var request = new ListingXml.V2Request("bkt", "", null, 1, false, "YQ", null, true);
        var page = new ListPage(List.of(ListedObject.of(object("b"))), List.of(), true, "b");

        String xml = render(xml1 -> ListingXml.writeV2(xml1, request, page, OWNER));

        assertThat(xml)
                .contains("<IsTruncated>true</IsTruncated>")
                .contains("<ContinuationToken>YQ</ContinuationToken>")
                .contains("<NextContinuationToken>" + ContinuationToken.encode("b") + "</NextContinuationToken>")
                .contains("<KeyCount>1</KeyCount>")
                .contains("<Owner><ID>owner-id</ID><DisplayName>Owner</DisplayName></Owner>")
                .contains("<LastModified>2026-11-20T10:15:30.123Z</LastModified>")
                .contains("<ETag>\"0123456789abcdef0123456789abcdef\"</ETag>");
    }

    @Test
    void truncatedV1PageCarriesNextMarkerAndOwners() throws IOException {
        var request = new ListingXml.V1Request("bkt", "", null, 1, true, "a b");
        var page = new ListPage(List.of(ListedObject.of(object("c d"))), List.of(), true, "c d");

        String xml = render(xml1 -> ListingXml.writeV1(xml1, request, page, OWNER));

        assertThat(xml).contains("<Marker>a+b</Marker>").contains("<NextMarker>c+d</NextMarker>")
                .contains("<Owner>");
    }

    private static String render(S3Call.XmlBody body) throws IOException {
        var out = new ByteArrayOutputStream();
        try (S3Xml xml = S3Xml.open(out, ListingXml.ROOT)) {
            body.write(xml);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static StoredObject object(String key) {
        var manifest = new ObjectManifest("bkt", key, VersionId.ZERO, 5, 1, "0123456789abcdef0123456789abcdef",
                "0".repeat(64), Instant.parse("2026-11-20T10:15:30.123456Z"), ObjectMetadata.EMPTY);
        return new StoredObject(manifest, ObjectLocation.wholeBlob("blob", 5));
    }
}
