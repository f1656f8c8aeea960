package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.Hex;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart uploads over HTTP: real Jetty on a free port, raw requests, in-memory fakes behind it. */
class MultipartServerTest {
    private static final int MIB = 1 << 20;
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

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
    void threePartUploadIsReadBackWholeAcrossPartBoundariesAndByPart() throws IOException {
        byte[] one = random(5 * MIB, 1);
        byte[] two = random(5 * MIB, 2);
        byte[] three = random(100, 3);
        String uploadId = create("big.bin");
        String etag1 = uploadPart("big.bin", uploadId, 1, one).header("etag");
        String etag2 = uploadPart("big.bin", uploadId, 2, two).header("etag");
        String etag3 = uploadPart("big.bin", uploadId, 3, three).header("etag");

        var completed = complete("big.bin", uploadId, List.of(1, 2, 3), List.of(etag1, etag2, etag3));
        var whole = RawHttp.send(port, "GET", "/bkt/big.bin");
        var across = RawHttp.send(port, "GET", "/bkt/big.bin",
                Map.of("Range", "bytes=" + (5 * MIB - 2) + "-" + (10 * MIB + 1)), null);
        var second = RawHttp.send(port, "GET", "/bkt/big.bin?partNumber=2");
        var beyond = RawHttp.send(port, "HEAD", "/bkt/big.bin?partNumber=4");

        String expectedEtag = "\"" + compositeMd5(one, two, three) + "-3\"";
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.text()).contains("<ETag>" + expectedEtag + "</ETag>")
                .contains("<Key>big.bin</Key>").contains("<Location>http://127.0.0.1:" + port + "/bkt/big.bin");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("etag")).isEqualTo(expectedEtag);
        assertThat(whole.body()).isEqualTo(concat(one, two, three));
        assertThat(across.status()).isEqualTo(206);
        assertThat(across.body()).isEqualTo(Arrays.copyOfRange(concat(one, two, three), 5 * MIB - 2, 10 * MIB + 2));
        assertThat(second.status()).isEqualTo(206);
        assertThat(second.header("content-range")).isEqualTo("bytes " + 5 * MIB + "-" + (10 * MIB - 1) + "/"
                + (10 * MIB + 100));
        assertThat(second.header("x-amz-mp-parts-count")).isEqualTo("3");
        assertThat(second.body()).isEqualTo(two);
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(fakes.catalog.uploads).isEmpty();
    }

    @Test
    void partNumberOneOfAnObjectUploadedWholeIsTheWholeObjectWithoutPartsCount() throws IOException {
        fakes.putObject("bkt", "small", "0123456789".getBytes(StandardCharsets.UTF_8), Map.of());

        var part = RawHttp.send(port, "GET", "/bkt/small?partNumber=1");
        var withRange = RawHttp.send(port, "GET", "/bkt/small?partNumber=1", Map.of("Range", "bytes=0-1"), null);
        var badNumber = RawHttp.send(port, "GET", "/bkt/small?partNumber=0");

        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("content-range")).isEqualTo("bytes 0-9/10");
        assertThat(part.header("x-amz-mp-parts-count")).isNull();
        assertThat(part.text()).isEqualTo("0123456789");
        assertThat(withRange.text()).contains("<Code>InvalidRequest</Code>");
        assertThat(badNumber.text()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void createKeepsMetadataAndEchoesTheChecksumAlgorithm() throws IOException {
        var reply = RawHttp.send(port, "POST", "/bkt/doc.txt?uploads", Map.of("Content-Type", "text/plain",
                "x-amz-meta-origin", "test", "x-amz-checksum-algorithm", "crc32"), new byte[0]);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).contains("<InitiateMultipartUploadResult").contains("<Bucket>bkt</Bucket>")
                .contains("<Key>doc.txt</Key>").containsPattern(UPLOAD_ID);
        assertThat(reply.header("x-amz-checksum-algorithm")).isEqualTo("CRC32");
        assertThat(reply.header("x-amz-checksum-type")).isEqualTo("COMPOSITE");
        var started = (ObjectEvent.MultipartStarted) fakes.events.get(0);
        assertThat(started.metadata().contentType()).isEqualTo("text/plain");
        assertThat(started.metadata().userMetadata()).isEqualTo(Map.of("origin", "test"));
        assertThat(started.metadata().checksums()).isEqualTo(Map.of("ALGORITHM", "CRC32", "TYPE", "COMPOSITE"));
    }

    @Test
    void completeRefusesBadOrderUnknownPartsSmallPartsAndBadXml() throws IOException {
        String uploadId = create("k");
        String etag1 = uploadPart("k", uploadId, 1, random(10, 1)).header("etag");
        String etag2 = uploadPart("k", uploadId, 2, random(10, 2)).header("etag");

        var order = complete("k", uploadId, List.of(2, 1), List.of(etag2, etag1));
        var wrongEtag = complete("k", uploadId, List.of(1, 2), List.of(etag2, etag2));
        var missing = complete("k", uploadId, List.of(1, 3), List.of(etag1, etag2));
        var small = complete("k", uploadId, List.of(1, 2), List.of(etag1, etag2));
        var malformed = RawHttp.send(port, "POST", "/bkt/k?uploadId=" + uploadId, Map.of(),
                "<CompleteMultipartUpload>".getBytes(StandardCharsets.UTF_8));

        assertThat(order.text()).contains("<Code>InvalidPartOrder</Code>");
        assertThat(wrongEtag.text()).contains("<Code>InvalidPart</Code>");
        assertThat(missing.text()).contains("<Code>InvalidPart</Code>");
        assertThat(small.text()).contains("<Code>EntityTooSmall</Code>");
        assertThat(malformed.text()).contains("<Code>MalformedXML</Code>");
        assertThat(fakes.events).noneMatch(event -> event instanceof ObjectEvent.MultipartCompleted);
    }

    @Test
    void singleShortPartCompletesIntoAnObject() throws IOException {
        String uploadId = create("one");
        String etag = uploadPart("one", uploadId, 7, "hello".getBytes(StandardCharsets.UTF_8)).header("etag");

        var completed = complete("one", uploadId, List.of(7), List.of(etag));
        var get = RawHttp.send(port, "GET", "/bkt/one");

        assertThat(completed.status()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("hello");
        assertThat(get.header("etag")).endsWith("-1\"");
    }

    @Test
    void abortedUploadIsUnknownToEveryMultipartOperation() throws IOException {
        String uploadId = create("k");

        var aborted = RawHttp.send(port, "DELETE", "/bkt/k?uploadId=" + uploadId);
        var againAborted = RawHttp.send(port, "DELETE", "/bkt/k?uploadId=" + uploadId);
        var part = uploadPart("k", uploadId, 1, random(10, 1));
        var listed = RawHttp.send(port, "GET", "/bkt/k?uploadId=" + uploadId);
        var otherKey = RawHttp.send(port, "GET", "/bkt/other?uploadId=" + create("k"));
        var malformedId = RawHttp.send(port, "GET", "/bkt/k?uploadId=not%20an%20id");

        assertThat(aborted.status()).isEqualTo(204);
        assertThat(fakes.events).anyMatch(event -> event instanceof ObjectEvent.MultipartAborted);
        for (var reply : List.of(againAborted, part, listed, otherKey, malformedId)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text()).contains("<Code>NoSuchUpload</Code>");
        }
    }

    @Test
    void uploadPartCopyStreamsTheSourceRangeIntoAPart() throws IOException {
        fakes.putObject("bkt", "src dir/a", "0123456789".getBytes(StandardCharsets.UTF_8), Map.of());
        String uploadId = create("dst");

        var copied = RawHttp.send(port, "PUT", "/bkt/dst?partNumber=1&uploadId=" + uploadId,
                Map.of("x-amz-copy-source", "/bkt/src%20dir/a", "x-amz-copy-source-range", "bytes=2-5"), new byte[0]);
        var badRange = RawHttp.send(port, "PUT", "/bkt/dst?uploadId=" + uploadId + "&partNumber=2",
                Map.of("x-amz-copy-source", "bkt/src%20dir/a", "x-amz-copy-source-range", "bytes=2-10"), new byte[0]);
        var noSource = RawHttp.send(port, "PUT", "/bkt/dst?uploadId=" + uploadId + "&partNumber=2",
                Map.of("x-amz-copy-source", "bkt/missing"), new byte[0]);
        var failedCondition = RawHttp.send(port, "PUT", "/bkt/dst?uploadId=" + uploadId + "&partNumber=2",
                Map.of("x-amz-copy-source", "bkt/src%20dir/a", "x-amz-copy-source-if-match", "\"nope\""),
                new byte[0]);

        assertThat(copied.status()).isEqualTo(200);
        assertThat(copied.text()).contains("<CopyPartResult").contains("<ETag>\"" + md5Hex("2345") + "\"</ETag>");
        assertThat(fakes.uploads.get(0).partOf().partNumber()).isEqualTo(1);
        assertThat(fakes.uploads.get(0).contentLength()).isEqualTo(4);
        assertThat(badRange.text()).contains("<Code>InvalidArgument</Code>");
        assertThat(noSource.text()).contains("<Code>NoSuchKey</Code>");
        assertThat(failedCondition.status()).isEqualTo(412);
    }

    @Test
    void listPartsPagesByPartNumberMarker() throws IOException {
        String uploadId = create("k");
        for (int part = 1; part <= 3; part++) {
            uploadPart("k", uploadId, part, random(10, part));
        }

        var first = RawHttp.send(port, "GET", "/bkt/k?uploadId=" + uploadId + "&max-parts=2");
        var second = RawHttp.send(port, "GET", "/bkt/k?uploadId=" + uploadId + "&max-parts=2&part-number-marker=2");

        assertThat(first.text()).contains("<ListPartsResult").contains("<IsTruncated>true</IsTruncated>")
                .contains("<NextPartNumberMarker>2</NextPartNumberMarker>").contains("<PartNumber>1</PartNumber>")
                .contains("<PartNumber>2</PartNumber>").doesNotContain("<PartNumber>3</PartNumber>")
                .contains("<Size>10</Size>");
        assertThat(second.text()).contains("<IsTruncated>false</IsTruncated>")
                .contains("<PartNumberMarker>2</PartNumberMarker>").contains("<PartNumber>3</PartNumber>")
                .doesNotContain("<PartNumber>1</PartNumber>");
    }

    @Test
    void listMultipartUploadsShowsOpenUploadsWithPrefixesAndPages() throws IOException {
        create("a");
        create("logs/1");
        create("logs/2");

        var all = RawHttp.send(port, "GET", "/bkt?uploads");
        var rolled = RawHttp.send(port, "GET", "/bkt?uploads&delimiter=/&max-uploads=1");
        var afterA = RawHttp.send(port, "GET", "/bkt?uploads&delimiter=/&key-marker=a");

        assertThat(all.text()).contains("<ListMultipartUploadsResult").contains("<Key>a</Key>")
                .contains("<Key>logs/1</Key>").contains("<Key>logs/2</Key>")
                .contains("<IsTruncated>false</IsTruncated>");
        assertThat(rolled.text()).contains("<Key>a</Key>").contains("<IsTruncated>true</IsTruncated>")
                .contains("<NextKeyMarker>a</NextKeyMarker>").doesNotContain("<Prefix>logs/</Prefix>");
        assertThat(afterA.text()).doesNotContain("<Key>").contains("<CommonPrefixes><Prefix>logs/</Prefix>");
    }

    private String create(String key) throws IOException {
        var reply = RawHttp.send(port, "POST", "/bkt/" + key + "?uploads", Map.of(), new byte[0]);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        Matcher matcher = UPLOAD_ID.matcher(reply.text());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private RawHttp.Reply uploadPart(String key, String uploadId, int partNumber, byte[] data) throws IOException {
        return RawHttp.send(port, "PUT", "/bkt/" + key + "?partNumber=" + partNumber + "&uploadId=" + uploadId,
                Map.of(), data);
    }

    private RawHttp.Reply complete(String key, String uploadId, List<Integer> numbers, List<String> etags)
            throws IOException {
        var xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (int i = 0; i < numbers.size(); i++) {
            xml.append("<Part><PartNumber>").append(numbers.get(i)).append("</PartNumber><ETag>")
                    .append(etags.get(i)).append("</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        return RawHttp.send(port, "POST", "/bkt/" + key + "?uploadId=" + uploadId, Map.of(),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        var all = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    private static String compositeMd5(byte[]... parts) {
        List<String> md5s = new ArrayList<>();
        for (byte[] part : parts) {
            md5s.add(Hex.of(md5().digest(part)));
        }
        return CompositeDigest.of("MD5", md5s);
    }

    private static String md5Hex(String text) {
        return Hex.of(md5().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
