package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Object tagging over HTTP: x-amz-tagging on writes, the tagging subresource, x-amz-tagging-count. */
class TaggingServerTest {
    private final InMemoryBackend fakes = new InMemoryBackend();
    private S3Server server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        server = fakes.startServer();
        port = server.port();
        fakes.createBucket("bkt");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tagsGivenOnPutAreCountedOnGetAndListed() throws IOException {
        RawHttp.send(port, "PUT", "/bkt/k", Map.of("x-amz-tagging", "project=blue%20sky&empty="), new byte[] {1});

        var head = RawHttp.send(port, "HEAD", "/bkt/k");
        var tagging = RawHttp.send(port, "GET", "/bkt/k?tagging");

        assertThat(fakes.uploads.get(0).metadata().tags()).isEqualTo(Map.of("project", "blue sky", "empty", ""));
        assertThat(head.header("x-amz-tagging-count")).isEqualTo("2");
        assertThat(tagging.text()).contains("<Tagging").contains("<TagSet><Tag><Key>empty</Key><Value></Value></Tag>"
                + "<Tag><Key>project</Key><Value>blue sky</Value></Tag></TagSet>");
    }

    @Test
    void tagSetReplacesAndDeleteEmptiesTheTags() throws IOException {
        fakes.putObject("bkt", "k", new byte[] {1}, Map.of());

        var put = RawHttp.send(port, "PUT", "/bkt/k?tagging", Map.of(),
                tagging("a", "1").getBytes(StandardCharsets.UTF_8));
        var afterPut = RawHttp.send(port, "GET", "/bkt/k?tagging");
        var deleted = RawHttp.send(port, "DELETE", "/bkt/k?tagging");
        var afterDelete = RawHttp.send(port, "GET", "/bkt/k?tagging");
        var get = RawHttp.send(port, "GET", "/bkt/k");

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        var set = (ObjectEvent.ObjectTagsSet) fakes.events.get(0);
        assertThat(set.objectVersion()).isNotEqualTo(set.versionId());
        assertThat(afterPut.text()).contains("<Key>a</Key><Value>1</Value>");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(afterDelete.status()).isEqualTo(200);
        assertThat(afterDelete.text()).contains("<TagSet").doesNotContain("<Tag>");
        assertThat(get.header("x-amz-tagging-count")).isNull();
    }

    @Test
    void tagsOnAVersionReplacedMeanwhileAreNoSuchKey() throws IOException {
        fakes.putObject("bkt", "k", new byte[] {1}, Map.of());
        fakes.outcome = AppliedOutcome.REJECTED;

        var reply = RawHttp.send(port, "PUT", "/bkt/k?tagging", Map.of(), tagging("a", "1").getBytes());

        assertThat(reply.text()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void tagsBeyondTheLimitsAreInvalidTag() throws IOException {
        var tooMany = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            tooMany.append(i == 0 ? "" : "&").append("k").append(i).append("=v");
        }

        var elevenTags = RawHttp.send(port, "PUT", "/bkt/k", Map.of("x-amz-tagging", tooMany.toString()),
                new byte[] {1});
        var longKey = RawHttp.send(port, "PUT", "/bkt/k", Map.of("x-amz-tagging", "k".repeat(129) + "=v"),
                new byte[] {1});
        fakes.putObject("bkt", "k", new byte[] {1}, Map.of());
        var longValue = RawHttp.send(port, "PUT", "/bkt/k?tagging", Map.of(),
                tagging("k", "v".repeat(257)).getBytes());

        assertThat(elevenTags.status()).isEqualTo(400);
        assertThat(elevenTags.text()).contains("<Code>InvalidTag</Code>");
        assertThat(longKey.text()).contains("<Code>InvalidTag</Code>");
        assertThat(longValue.text()).contains("<Code>InvalidTag</Code>");
        assertThat(fakes.uploads).isEmpty();
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void tagsGivenOnCreateMultipartUploadReachTheCompletedObject() throws IOException {
        var created = RawHttp.send(port, "POST", "/bkt/mp?uploads", Map.of("x-amz-tagging", "a=1"), new byte[0]);
        String uploadId = created.text().replaceAll("(?s).*<UploadId>([^<]+)</UploadId>.*", "$1");
        String etag = RawHttp.send(port, "PUT", "/bkt/mp?partNumber=1&uploadId=" + uploadId, Map.of(),
                new byte[] {1}).header("etag");

        RawHttp.send(port, "POST", "/bkt/mp?uploadId=" + uploadId, Map.of(), ("<CompleteMultipartUpload><Part>"
                + "<PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part></CompleteMultipartUpload>").getBytes());

        assertThat(((ObjectEvent.MultipartStarted) fakes.events.get(0)).metadata().tags()).isEqualTo(Map.of("a", "1"));
        assertThat(fakes.catalog.object("bkt", "mp").orElseThrow().manifest().metadata().tags())
                .isEqualTo(Map.of("a", "1"));
    }

    @Test
    void taggingAMissingObjectIsNoSuchKey() throws IOException {
        var reply = RawHttp.send(port, "GET", "/bkt/missing?tagging");

        assertThat(reply.text()).contains("<Code>NoSuchKey</Code>");
    }

    private static String tagging(String key, String value) {
        return "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>" + key + "</Key><Value>"
                + value + "</Value></Tag></TagSet></Tagging>";
    }
}
