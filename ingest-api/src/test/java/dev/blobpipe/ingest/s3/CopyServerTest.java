package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CopyObject over HTTP: directives, copy-source conditionals, conditions on the destination, no byte copied. */
class CopyServerTest {
    private static final byte[] DATA = "0123456789".getBytes(StandardCharsets.UTF_8);

    private final InMemoryBackend fakes = new InMemoryBackend();
    private S3Server server;
    private int port;
    private StoredObject source;

    @BeforeEach
    void start() throws IOException {
        server = fakes.startServer();
        port = server.port();
        fakes.createBucket("bkt");
        fakes.createBucket("other");
        var metadata = new ObjectMetadata("text/plain", null, "inline", null, null, Map.of("origin", "src"), Map.of(),
                Map.of("team", "a"));
        fakes.putObject("bkt", "src dir/a", DATA, metadata, null);
        source = fakes.catalog.object("bkt", "src dir/a").orElseThrow();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void copyWithDefaultDirectivesKeepsMetadataTagsAndBlobs() throws IOException {
        var reply = copy("/other/dst", Map.of());
        var get = RawHttp.send(port, "GET", "/other/dst");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).contains("<CopyObjectResult").contains(source.manifest().md5Hex())
                .contains("<LastModified>");
        var copied = (ObjectEvent.ObjectCopied) fakes.events.get(fakes.events.size() - 1);
        assertThat(copied.location()).isEqualTo(source.location());
        assertThat(copied.manifest().md5Hex()).isEqualTo(source.manifest().md5Hex());
        assertThat(copied.manifest().versionId()).isNotEqualTo(source.manifest().versionId());
        assertThat(fakes.uploads).isEmpty();
        assertThat(get.text()).isEqualTo("0123456789");
        assertThat(get.header("x-amz-meta-origin")).isEqualTo("src");
        assertThat(get.header("content-disposition")).isEqualTo("inline");
        assertThat(get.header("x-amz-tagging-count")).isEqualTo("1");
    }

    @Test
    void replaceDirectivesTakeTheRequestsHeadersAndTags() throws IOException {
        var headers = new LinkedHashMap<String, String>();
        headers.put("x-amz-metadata-directive", "REPLACE");
        headers.put("x-amz-tagging-directive", "REPLACE");
        headers.put("Content-Type", "image/png");
        headers.put("x-amz-meta-fresh", "yes");
        headers.put("x-amz-tagging", "k1=v1&k2=v%202");

        copy("/other/dst", headers);

        ObjectMetadata metadata = fakes.catalog.object("other", "dst").orElseThrow().manifest().metadata();
        assertThat(metadata.contentType()).isEqualTo("image/png");
        assertThat(metadata.userMetadata()).isEqualTo(Map.of("fresh", "yes"));
        assertThat(metadata.contentDisposition()).isNull();
        assertThat(metadata.tags()).isEqualTo(Map.of("k1", "v1", "k2", "v 2"));
        assertThat(metadata.checksums()).isEqualTo(source.manifest().metadata().checksums());
    }

    @Test
    void copyOntoItselfNeedsReplace() throws IOException {
        var refused = copy("/bkt/src%20dir/a", Map.of());
        var replaced = copy("/bkt/src%20dir/a", Map.of("x-amz-metadata-directive", "REPLACE",
                "x-amz-meta-new", "1"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("<Code>InvalidRequest</Code>");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(fakes.catalog.object("bkt", "src dir/a").orElseThrow().manifest().metadata().userMetadata())
                .isEqualTo(Map.of("new", "1"));
    }

    @Test
    void copySourceConditionalsAreEnforced() throws IOException {
        String etag = source.manifest().etag();

        var ifMatchFails = copy("/other/a", Map.of("x-amz-copy-source-if-match", "\"nope\""));
        var ifNoneMatchFails = copy("/other/b", Map.of("x-amz-copy-source-if-none-match", etag));
        var modifiedSinceFails = copy("/other/c",
                Map.of("x-amz-copy-source-if-modified-since", "Sat, 21 Nov 2026 00:00:00 GMT"));
        var unmodifiedSinceFails = copy("/other/d",
                Map.of("x-amz-copy-source-if-unmodified-since", "Thu, 19 Nov 2026 00:00:00 GMT"));
        var allHold = copy("/other/e", Map.of("x-amz-copy-source-if-match", etag,
                "x-amz-copy-source-if-modified-since", "Thu, 19 Nov 2026 00:00:00 GMT"));

        assertThat(ifMatchFails.status()).isEqualTo(412);
        assertThat(ifNoneMatchFails.status()).isEqualTo(412);
        assertThat(modifiedSinceFails.status()).isEqualTo(412);
        assertThat(unmodifiedSinceFails.status()).isEqualTo(412);
        assertThat(allHold.status()).isEqualTo(200);
    }

    @Test
    void destinationConditionIsPreCheckedAndCarried() throws IOException {
        var exists = copy("/bkt/src%20dir/a", Map.of("x-amz-metadata-directive", "REPLACE", "If-None-Match", "*"));
        var created = copy("/other/fresh", Map.of("If-None-Match", "*"));

        assertThat(exists.status()).isEqualTo(412);
        assertThat(created.status()).isEqualTo(200);
        var copied = (ObjectEvent.ObjectCopied) fakes.events.get(fakes.events.size() - 1);
        assertThat(copied.manifest().condition()).isNotNull();
    }

    @Test
    void missingSourceIsNoSuchKeyOrNoSuchBucket() throws IOException {
        var noKey = RawHttp.send(port, "PUT", "/other/x", Map.of("x-amz-copy-source", "/bkt/missing"), new byte[0]);
        var noBucket = RawHttp.send(port, "PUT", "/other/x", Map.of("x-amz-copy-source", "/nobkt/a"), new byte[0]);

        assertThat(noKey.text()).contains("<Code>NoSuchKey</Code>");
        assertThat(noBucket.text()).contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void unknownDirectiveIsInvalidArgument() throws IOException {
        var reply = copy("/other/x", Map.of("x-amz-metadata-directive", "MERGE"));

        assertThat(reply.text()).contains("<Code>InvalidArgument</Code>");
    }

    private RawHttp.Reply copy(String target, Map<String, String> extra) throws IOException {
        var headers = new LinkedHashMap<String, String>(extra);
        headers.put("x-amz-copy-source", "/bkt/src%20dir/a");
        return RawHttp.send(port, "PUT", target, headers, new byte[0]);
    }
}
