package dev.blobpipe.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked examples of the S3 SigV4 documentation, as the requests they describe:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (single chunk),
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html (chunked upload) and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (presigned URL).
 */
final class AwsExamples {
    static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String WELCOME = "Welcome to Amazon S3.";
    static final String WELCOME_SHA256 = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    static final String SEED_SIGNATURE = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    static final String CHUNK1_SIGNATURE = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    static final String CHUNK2_SIGNATURE = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    static final String FINAL_CHUNK_SIGNATURE = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";

    private AwsExamples() {
    }

    static SigV4Verifier verifier() {
        return verifierAt(TIME);
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(CredentialStore.single(ACCESS_KEY, SECRET_KEY), Clock.fixed(now, ZoneOffset.UTC));
    }

    static String authorization(String signedHeaders, String signature) {
        return "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/20130524/us-east-1/s3/aws4_request,SignedHeaders="
                + signedHeaders + ",Signature=" + signature;
    }

    /** GET Object: {@code GET /test.txt} with {@code Range: bytes=0-9}. */
    static SignedRequest getObject() {
        return request("GET", "/test.txt", null, headers(
                "host", "examplebucket.s3.amazonaws.com",
                "range", "bytes=0-9",
                "x-amz-content-sha256", EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "authorization", authorization("host;range;x-amz-content-sha256;x-amz-date",
                        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")));
    }

    /** PUT Object: {@code PUT /test$file.text} with body "Welcome to Amazon S3." and a Date header too. */
    static SignedRequest putObject() {
        return request("PUT", "/test$file.text", null, headers(
                "host", "examplebucket.s3.amazonaws.com",
                "date", "Fri, 24 May 2013 00:00:00 GMT",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", WELCOME_SHA256,
                "authorization", authorization("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")));
    }

    /** GET Bucket Lifecycle: {@code GET /?lifecycle}. */
    static SignedRequest getBucketLifecycle() {
        return request("GET", "/", "lifecycle", headers(
                "host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")));
    }

    /** Get Bucket (List Objects): {@code GET /?max-keys=2&prefix=J}. */
    static SignedRequest listObjects() {
        return request("GET", "/", "max-keys=2&prefix=J", headers(
                "host", "examplebucket.s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-content-sha256", EMPTY_SHA256,
                "authorization", authorization("host;x-amz-content-sha256;x-amz-date",
                        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")));
    }

    /** The presigned URL: {@code GET /test.txt}, valid for 86400 seconds from 2013-05-24T00:00:00Z. */
    static SignedRequest presignedGetObject() {
        return request("GET", "/test.txt",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3"
                        + "%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                headers("host", "examplebucket.s3.amazonaws.com"));
    }

    /** The chunked upload: 66560 bytes of 'a' as a 64 KiB chunk, a 1 KiB chunk and the final chunk. */
    static SignedRequest chunkedPut() {
        return request("PUT", "/examplebucket/chunkObject.txt", null, headers(
                "host", "s3.amazonaws.com",
                "x-amz-date", "20130524T000000Z",
                "x-amz-storage-class", "REDUCED_REDUNDANCY",
                "x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                "content-encoding", "aws-chunked",
                "x-amz-decoded-content-length", "66560",
                "content-length", "66824",
                "authorization", authorization("content-encoding;content-length;host;x-amz-content-sha256;"
                        + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class", SEED_SIGNATURE)));
    }

    /** The chunked upload's body, exactly as the documentation lays it out (66824 bytes). */
    static byte[] chunkedBody() {
        String body = "10000;chunk-signature=" + CHUNK1_SIGNATURE + "\r\n" + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=" + CHUNK2_SIGNATURE + "\r\n" + "a".repeat(1024) + "\r\n"
                + "0;chunk-signature=" + FINAL_CHUNK_SIGNATURE + "\r\n\r\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    static SignedRequest request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        return new SignedRequest(method, rawPath, rawQuery, headers);
    }

    static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], name -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    /** A copy of {@code request} with one header replaced (or added). */
    static SignedRequest withHeader(SignedRequest request, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }

    /** A copy of {@code request} without one header. */
    static SignedRequest withoutHeader(SignedRequest request, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.remove(name);
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    }
}
