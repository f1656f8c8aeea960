package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP behaviour of the front door: real Jetty on a free port, raw requests, in-memory fakes behind it. */
class S3ServerTest {
    private final InMemoryBackend fakes = new InMemoryBackend();
    private S3Server server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        var config = IngestConfig.from(InMemoryBackend.serverSettings()
                .with("ingest.virtual.host.domains", "localhost,s3.test"));
        server = S3Server.start(config, fakes.backend());
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyResponseCarriesRequestIdsAndDateButNoServerHeader() throws IOException {
        var reply = RawHttp.send(port, "GET", "/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("x-amz-request-id")).matches("[0-9A-F]{16}");
        assertThat(reply.header("x-amz-id-2")).isNotBlank();
        assertThat(reply.header("date")).endsWith("GMT");
        assertThat(reply.header("server")).isNull();
    }

    @Test
    void createdBucketIsListed() throws IOException {
        var created = RawHttp.send(port, "PUT", "/photos", Map.of(), new byte[0]);
        var listed = RawHttp.send(port, "GET", "/");

        assertThat(created.status()).isEqualTo(200);
        assertThat(fakes.events).singleElement().isInstanceOf(ObjectEvent.BucketCreated.class);
        assertThat(listed.text()).contains("<Name>photos</Name>").contains("<ListAllMyBucketsResult xmlns=\""
                + S3Xml.NAMESPACE + "\">");
    }

    @Test
    void createBucketStoresTheLocationConstraint() throws IOException {
        byte[] body = ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.send(port, "PUT", "/eu-bucket", Map.of(), body);
        var location = RawHttp.send(port, "GET", "/eu-bucket?location");

        assertThat(((ObjectEvent.BucketCreated) fakes.events.get(0)).region()).isEqualTo("eu-west-1");
        assertThat(location.text()).contains(">eu-west-1</LocationConstraint>");
    }

    @Test
    void malformedCreateBucketConfigurationIsMalformedXml() throws IOException {
        var reply = RawHttp.send(port, "PUT", "/bad-xml", Map.of(), "<Create".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("<Code>MalformedXML</Code>");
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void createBucketRefusesAnInvalidNameAndAnExistingBucket() throws IOException {
        fakes.createBucket("taken");

        var invalid = RawHttp.send(port, "PUT", "/Bad_Name", Map.of(), new byte[0]);
        var existing = RawHttp.send(port, "PUT", "/taken", Map.of(), new byte[0]);

        assertThat(invalid.text()).contains("<Code>InvalidBucketName</Code>");
        assertThat(existing.status()).isEqualTo(409);
        assertThat(existing.text()).contains("<Code>BucketAlreadyOwnedByYou</Code>");
    }

    @Test
    void errorDocumentCarriesCodeResourceAndTheRequestIdOfTheHeader() throws IOException {
        var reply = RawHttp.send(port, "GET", "/no-such-bucket/key");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("content-type")).startsWith("application/xml");
        assertThat(reply.text())
                .contains("<Code>NoSuchBucket</Code>")
                .contains("<Resource>/no-such-bucket/key</Resource>")
                .contains("<RequestId>" + reply.header("x-amz-request-id") + "</RequestId>");
    }

    @Test
    void keysKeepEmptySegmentsAndEncodedSlashes() throws IOException {
        fakes.createBucket("bkt");
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

        var put = RawHttp.send(port, "PUT", "/bkt/a//c%2Fd%20e+f", Map.of("Content-Type", "text/plain"), data);
        var get = RawHttp.send(port, "GET", "/bkt/a//c%2Fd%20e+f");

        assertThat(put.status()).isEqualTo(200);
        assertThat(fakes.uploads.get(0).key()).isEqualTo("a//c/d e+f");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.text()).isEqualTo("hello");
        assertThat(get.header("etag")).isEqualTo(put.header("etag"));
    }

    @Test
    void dotSegmentsAndPercentSignsAreKeyCharacters() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "x/%2e%2e/y", new byte[] {1}, Map.of());
        fakes.putObject("bkt", "x/../y", new byte[] {2}, Map.of());

        var encoded = RawHttp.send(port, "GET", "/bkt/x/%252e%252e/y");
        var dots = RawHttp.send(port, "GET", "/bkt/x/%2E%2E/y");

        assertThat(encoded.body()).containsExactly(1);
        assertThat(dots.body()).containsExactly(2);
    }

    @Test
    void rawDotSegmentsSemicolonsAndOddCharactersStayInTheKey() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "x/../y", new byte[] {1}, Map.of());
        fakes.putObject("bkt", "a;b=c/d", new byte[] {2}, Map.of());
        fakes.putObject("bkt", "q\"{|}^`", new byte[] {3}, Map.of());

        var dots = RawHttp.send(port, "GET", "/bkt/x/../y");
        var semicolon = RawHttp.send(port, "GET", "/bkt/a;b=c/d");
        var odd = RawHttp.send(port, "GET", "/bkt/q\"{|}^`");

        assertThat(dots.body()).containsExactly(1);
        assertThat(semicolon.body()).containsExactly(2);
        assertThat(odd.body()).containsExactly(3);
    }

    @Test
    void badPercentEscapeIsInvalidUri() throws IOException {
        var badEscape = RawHttp.send(port, "GET", "/bkt/%ZZ");
        var badUtf8 = RawHttp.send(port, "GET", "/bkt/%C3%28");

        assertThat(badEscape.status()).isEqualTo(400);
        assertThat(badEscape.text()).contains("<Code>InvalidURI</Code>");
        assertThat(badUtf8.text()).contains("<Code>InvalidURI</Code>");
    }

    @Test
    void virtualHostStyleTakesTheBucketFromTheHost() throws IOException {
        fakes.createBucket("vhost");
        fakes.putObject("vhost", "dir/file.txt", "vh".getBytes(StandardCharsets.UTF_8), Map.of());

        var get = RawHttp.send(port, "GET", "/dir/file.txt", Map.of("Host", "vhost.s3.test:" + port), null);
        var list = RawHttp.send(port, "GET", "/?list-type=2", Map.of("Host", "vhost.localhost"), null);

        assertThat(get.text()).isEqualTo("vh");
        assertThat(list.text()).contains("<Name>vhost</Name>").contains("<Key>dir/file.txt</Key>");
    }

    @Test
    void rangeIsServedAsPartialContent() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "0123456789".getBytes(StandardCharsets.UTF_8), Map.of());

        var middle = RawHttp.send(port, "GET", "/bkt/k", Map.of("Range", "bytes=2-4"), null);
        var suffix = RawHttp.send(port, "GET", "/bkt/k", Map.of("Range", "bytes=-3"), null);
        var multi = RawHttp.send(port, "GET", "/bkt/k", Map.of("Range", "bytes=0-1,4-5"), null);

        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("content-range")).isEqualTo("bytes 2-4/10");
        assertThat(middle.text()).isEqualTo("234");
        assertThat(suffix.text()).isEqualTo("789");
        assertThat(multi.status()).isEqualTo(200);
        assertThat(multi.text()).isEqualTo("0123456789");
    }

    @Test
    void unsatisfiableRangeIsInvalidRangeWithTheSize() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "0123456789".getBytes(StandardCharsets.UTF_8), Map.of());

        var reply = RawHttp.send(port, "GET", "/bkt/k", Map.of("Range", "bytes=10-"), null);

        assertThat(reply.status()).isEqualTo(416);
        assertThat(reply.header("content-range")).isEqualTo("bytes */10");
        assertThat(reply.text()).contains("<Code>InvalidRange</Code>");
        assertThat(reply.header("etag")).isNull();
    }

    @Test
    void getObjectSendsStoredHeadersAndChecksumOnlyWhenAsked() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "abc".getBytes(StandardCharsets.UTF_8), Map.of("color", "blue"));

        var plain = RawHttp.send(port, "GET", "/bkt/k");
        var withChecksum = RawHttp.send(port, "GET", "/bkt/k", Map.of("x-amz-checksum-mode", "ENABLED"), null);

        assertThat(plain.header("content-type")).isEqualTo("text/plain");
        assertThat(plain.header("content-length")).isEqualTo("3");
        assertThat(plain.header("last-modified")).isEqualTo("Fri, 20 Nov 2026 10:15:30 GMT");
        assertThat(plain.header("accept-ranges")).isEqualTo("bytes");
        assertThat(plain.header("x-amz-meta-color")).isEqualTo("blue");
        assertThat(plain.header("x-amz-checksum-crc32")).isNull();
        assertThat(withChecksum.header("x-amz-checksum-crc32")).isEqualTo("NSRBwg==");
    }

    @Test
    void headObjectHasHeadersButNoBodyAlsoForErrors() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "abc".getBytes(StandardCharsets.UTF_8), Map.of());

        var found = RawHttp.send(port, "HEAD", "/bkt/k");
        var missing = RawHttp.send(port, "HEAD", "/bkt/missing");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("content-length")).isEqualTo("3");
        assertThat(found.complete()).isTrue();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("x-amz-request-id")).isNotNull();
    }

    @Test
    void conditionalGetAnswersNotModifiedAndPreconditionFailed() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "abc".getBytes(StandardCharsets.UTF_8), Map.of());
        String etag = RawHttp.send(port, "HEAD", "/bkt/k").header("etag");

        var notModified = RawHttp.send(port, "GET", "/bkt/k", Map.of("If-None-Match", etag), null);
        var failed = RawHttp.send(port, "GET", "/bkt/k", Map.of("If-Match", "\"0000\""), null);

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("etag")).isEqualTo(etag);
        assertThat(failed.status()).isEqualTo(412);
        assertThat(failed.text()).contains("<Code>PreconditionFailed</Code>");
    }

    @Test
    void putWithoutContentLengthIsMissingContentLength() throws IOException {
        fakes.createBucket("bkt");

        var reply = RawHttp.send(port, "PUT", "/bkt/k");

        assertThat(reply.status()).isEqualTo(411);
        assertThat(reply.text()).contains("<Code>MissingContentLength</Code>");
    }

    @Test
    void chunkedPutWithoutAnyLengthIsStoredWithUnknownLength() throws IOException {
        fakes.createBucket("bkt");

        var reply = RawHttp.send(port, "PUT", "/bkt/k", Map.of("Transfer-Encoding", "chunked"),
                "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        var get = RawHttp.send(port, "GET", "/bkt/k");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fakes.uploads).singleElement().satisfies(u -> assertThat(u.contentLength()).isEqualTo(-1));
        assertThat(get.text()).isEqualTo("abcdefg");
        assertThat(get.header("etag")).isEqualTo(reply.header("etag"));
    }

    @Test
    void putIntoMissingBucketIsRefusedBeforeTheBody() throws IOException {
        var reply = RawHttp.send(port, "PUT", "/nobucket/k", Map.of(), "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.text()).contains("<Code>NoSuchBucket</Code>");
        assertThat(fakes.uploads).isEmpty();
    }

    @Test
    void putParsesMetadataHeadersIntoTheUploadRequest() throws IOException {
        fakes.createBucket("bkt");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Encoding", "aws-chunked,gzip");
        headers.put("X-Amz-Meta-Owner", "ops");
        headers.put("x-amz-checksum-sha256", "a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s=");

        var reply = RawHttp.send(port, "PUT", "/bkt/k", headers, "1".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        var upload = fakes.uploads.get(0);
        assertThat(upload.metadata().contentType()).isEqualTo("binary/octet-stream");
        assertThat(upload.metadata().contentEncoding()).isEqualTo("gzip");
        assertThat(upload.metadata().userMetadata()).containsEntry("owner", "ops");
        assertThat(upload.checksum().base64Value()).startsWith("a4ay");
    }

    @Test
    void deleteObjectPublishesADeleteOnlyForALiveKey() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "k", "abc".getBytes(StandardCharsets.UTF_8), Map.of());

        var deleted = RawHttp.send(port, "DELETE", "/bkt/k");
        var again = RawHttp.send(port, "DELETE", "/bkt/k");
        var get = RawHttp.send(port, "GET", "/bkt/k");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(204);
        assertThat(fakes.events).singleElement().isInstanceOf(ObjectEvent.ObjectDeleted.class);
        assertThat(get.text()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void deleteBucketRefusesWhenTheIndexerRejects() throws IOException {
        fakes.createBucket("bkt");
        fakes.outcome = dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome.REJECTED;

        var reply = RawHttp.send(port, "DELETE", "/bkt");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.text()).contains("<Code>BucketNotEmpty</Code>");
    }

    @Test
    void listObjectsV2EncodesNamesWhenAsked() throws IOException {
        fakes.createBucket("bkt");
        fakes.putObject("bkt", "dir/a b~", new byte[1], Map.of());
        fakes.putObject("bkt", "top", new byte[1], Map.of());

        var reply = RawHttp.send(port, "GET", "/bkt?list-type=2&delimiter=%2F&encoding-type=url&fetch-owner=true");

        assertThat(reply.text())
                .contains("<EncodingType>url</EncodingType>")
                .contains("<Delimiter>/</Delimiter>")
                .contains("<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes>")
                .contains("<Key>top</Key>")
                .contains("<KeyCount>2</KeyCount>")
                .contains("<Owner><ID>blobpipe</ID>");
    }

    @Test
    void listObjectsV2ContinuesFromItsToken() throws IOException {
        fakes.createBucket("bkt");
        for (String key : new String[] {"a", "b", "c"}) {
            fakes.putObject("bkt", key, new byte[1], Map.of());
        }

        var first = RawHttp.send(port, "GET", "/bkt?list-type=2&max-keys=2");
        String token = first.text().replaceAll(".*<NextContinuationToken>(.*)</NextContinuationToken>.*", "$1");
        var second = RawHttp.send(port, "GET", "/bkt?list-type=2&max-keys=2&continuation-token=" + token);

        assertThat(first.text()).contains("<IsTruncated>true</IsTruncated>").contains("<Key>b</Key>");
        assertThat(second.text()).contains("<Key>c</Key>").doesNotContain("<Key>a</Key>")
                .contains("<IsTruncated>false</IsTruncated>");
    }

    @Test
    void badListingArgumentsAreInvalidArgument() throws IOException {
        fakes.createBucket("bkt");

        var maxKeys = RawHttp.send(port, "GET", "/bkt?list-type=2&max-keys=-1");
        var encoding = RawHttp.send(port, "GET", "/bkt?list-type=2&encoding-type=base64");
        var token = RawHttp.send(port, "GET", "/bkt?list-type=2&continuation-token=%25%25");

        assertThat(maxKeys.text()).contains("<Code>InvalidArgument</Code>");
        assertThat(encoding.text()).contains("<Code>InvalidArgument</Code>");
        assertThat(token.text()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void unimplementedSubresourcesAndMethodsAreRefused() throws IOException {
        fakes.createBucket("bkt");

        var policy = RawHttp.send(port, "GET", "/bkt?policy");
        var patch = RawHttp.send(port, "PATCH", "/bkt/k");

        assertThat(policy.status()).isEqualTo(501);
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.text()).contains("<Code>MethodNotAllowed</Code>");
    }

    @Test
    void failedAuthenticationIsRenderedAsItsS3Error() throws IOException {
        fakes.createBucket("bkt");
        fakes.authFailure = new S3Exception(S3Error.SIGNATURE_DOES_NOT_MATCH);

        var reply = RawHttp.send(port, "GET", "/bkt/k");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.text()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void missingBucketWinsOverMissingKey() throws IOException {
        fakes.createBucket("bkt");

        var noKey = RawHttp.send(port, "GET", "/bkt/missing");
        var noBucket = RawHttp.send(port, "GET", "/nobucket/missing");
        var deleteInNoBucket = RawHttp.send(port, "DELETE", "/nobucket/missing");

        assertThat(noKey.text()).contains("<Code>NoSuchKey</Code>");
        assertThat(noBucket.text()).contains("<Code>NoSuchBucket</Code>");
        assertThat(deleteInNoBucket.text()).contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void bucketNameNoBucketCanHaveIsNoSuchBucketWithoutAskingTheCatalog() throws IOException {
        fakes.catalog.failure = new IllegalStateException("the catalog was asked");

        var get = RawHttp.send(port, "GET", "/xn--bucket/k");
        var put = RawHttp.send(port, "PUT", "/xn--bucket/k", Map.of(), "abc".getBytes(StandardCharsets.UTF_8));
        var delete = RawHttp.send(port, "DELETE", "/xn--bucket/k");

        assertThat(List.of(get, put, delete)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.text()).contains("<Code>NoSuchBucket</Code>");
        });
    }

    @Test
    void unexpectedFailureIsInternalErrorWithoutInternals() throws IOException {
        fakes.catalog.failure = new IllegalStateException("connection pool secret-dsn exploded");

        var reply = RawHttp.send(port, "GET", "/bkt/k");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text()).contains("<Code>InternalError</Code>").doesNotContain("secret-dsn");
    }

    @Test
    void failureWhileStreamingAbortsTheResponse() throws IOException {
        fakes.createBucket("bkt");
        byte[] data = new byte[300_000];
        Arrays.fill(data, (byte) 'x');
        fakes.putObject("bkt", "big", data, Map.of());
        fakes.blobs.failAfterBytes = 150_000;

        var reply = RawHttp.send(port, "GET", "/bkt/big");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.complete()).isFalse();
        assertThat(reply.body().length).isLessThan(data.length);
    }

    @Test
    void oversizedHeadersGetAnS3ErrorDocumentFromJetty() throws IOException {
        var reply = RawHttp.send(port, "GET", "/bkt/k", Map.of("x-amz-meta-big", "v".repeat(70_000)), null);

        assertThat(reply.status()).isEqualTo(431);
        assertThat(reply.text()).contains("<Code>RequestHeaderSectionTooLarge</Code>").contains("<RequestId>");
    }

    @Test
    void unparseableRequestGetsAnS3ErrorDocumentFromJetty() throws IOException {
        var reply = RawHttp.exchange(port, "GET /b/k#frag HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), null, false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("<Code>InvalidURI</Code>");
    }
}
