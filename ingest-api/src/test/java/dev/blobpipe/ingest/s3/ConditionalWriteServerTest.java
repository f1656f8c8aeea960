package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.WriteCondition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** If-None-Match / If-Match on PutObject and CompleteMultipartUpload over HTTP, with in-memory fakes behind. */
class ConditionalWriteServerTest {
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

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
    void ifNoneMatchAnyCreatesAnAbsentKeyAndCarriesTheCondition() throws IOException {
        var reply = RawHttp.send(port, "PUT", "/bkt/new", Map.of("If-None-Match", "*"), DATA);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fakes.uploads).singleElement()
                .satisfies(u -> assertThat(u.condition()).isEqualTo(WriteCondition.ifNoneMatchAny()));
    }

    @Test
    void ifNoneMatchAnyOnAnExistingKeyFailsBeforeTheBody() throws IOException {
        fakes.putObject("bkt", "k", DATA, Map.of());

        var reply = RawHttp.send(port, "PUT", "/bkt/k", Map.of("If-None-Match", "*"), DATA);

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.text()).contains("<Code>PreconditionFailed</Code>");
        assertThat(fakes.uploads).isEmpty();
    }

    @Test
    void ofTwoRacingIfNoneMatchWritersExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "race-" + round;
                // both pass the catalog pre-check, then meet before the "indexer" decides
                fakes.uploadBarrier = new CyclicBarrier(2);
                List<Future<Integer>> statuses = List.of(
                        pool.submit(() -> RawHttp.send(port, "PUT", "/bkt/" + key, Map.of("If-None-Match", "*"), DATA)
                                .status()),
                        pool.submit(() -> RawHttp.send(port, "PUT", "/bkt/" + key, Map.of("If-None-Match", "*"), DATA)
                                .status()));

                assertThat(List.of(statuses.get(0).get(20, TimeUnit.SECONDS),
                        statuses.get(1).get(20, TimeUnit.SECONDS)))
                        .as("round " + round).containsExactlyInAnyOrder(200, 412);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ifMatchReplacesOnlyTheVersionItNames() throws IOException {
        String etag = fakes.putObject("bkt", "k", DATA, ObjectMetadata.EMPTY, null).etag();

        var stale = RawHttp.send(port, "PUT", "/bkt/k", Map.of("If-Match", "\"0123456789abcdef0123456789abcdef\""),
                DATA);
        var matching = RawHttp.send(port, "PUT", "/bkt/k", Map.of("If-Match", etag), "new".getBytes());
        var missing = RawHttp.send(port, "PUT", "/bkt/absent", Map.of("If-Match", etag), DATA);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(matching.status()).isEqualTo(200);
        assertThat(fakes.uploads).singleElement()
                .satisfies(u -> assertThat(u.condition()).isEqualTo(WriteCondition.ifMatch(etag)));
        assertThat(missing.text()).contains("<Code>NoSuchKey</Code>");
    }

    @Test
    void ifNoneMatchWithAnEtagIsNotImplementedRatherThanIgnored() throws IOException {
        var reply = RawHttp.send(port, "PUT", "/bkt/k", Map.of("If-None-Match", "\"abc\""), DATA);

        assertThat(reply.status()).isEqualTo(501);
        assertThat(fakes.uploads).isEmpty();
    }

    @Test
    void completionRefusedForItsConditionIsPreconditionFailedAndLeavesTheUploadOpen() throws IOException {
        String uploadId = create("mp");
        String etag = RawHttp.send(port, "PUT", "/bkt/mp?partNumber=1&uploadId=" + uploadId, Map.of(), DATA)
                .header("etag");
        // another writer creates the key after our pre-check: the indexer refuses our completion
        fakes.outcome = AppliedOutcome.REJECTED;

        var reply = complete("mp", uploadId, etag, Map.of("If-None-Match", "*"));

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.text()).contains("<Code>PreconditionFailed</Code>");
        var completed = (ObjectEvent.MultipartCompleted) fakes.events.get(fakes.events.size() - 1);
        assertThat(completed.manifest().condition()).isEqualTo(WriteCondition.ifNoneMatchAny());
        assertThat(fakes.catalog.uploads).isNotEmpty();
    }

    @Test
    void completionWhoseConditionAlreadyFailsIsRefusedWithoutAnEvent() throws IOException {
        fakes.putObject("bkt", "mp", DATA, Map.of());
        String uploadId = create("mp");
        String etag = RawHttp.send(port, "PUT", "/bkt/mp?partNumber=1&uploadId=" + uploadId, Map.of(), DATA)
                .header("etag");
        int eventsBefore = fakes.events.size();

        var reply = complete("mp", uploadId, etag, Map.of("If-None-Match", "*"));

        assertThat(reply.status()).isEqualTo(412);
        assertThat(fakes.events).hasSize(eventsBefore);
    }

    @Test
    void unconditionalCompletionRefusedStillSaysInvalidPart() throws IOException {
        String uploadId = create("mp");
        String etag = RawHttp.send(port, "PUT", "/bkt/mp?partNumber=1&uploadId=" + uploadId, Map.of(), DATA)
                .header("etag");
        fakes.outcome = AppliedOutcome.REJECTED;

        var reply = complete("mp", uploadId, etag, Map.of());

        assertThat(reply.text()).contains("<Code>InvalidPart</Code>");
    }

    private String create(String key) throws IOException {
        var reply = RawHttp.send(port, "POST", "/bkt/" + key + "?uploads", Map.of(), new byte[0]);
        Matcher matcher = UPLOAD_ID.matcher(reply.text());
        assertThat(matcher.find()).as(reply.text()).isTrue();
        return matcher.group(1);
    }

    private RawHttp.Reply complete(String key, String uploadId, String etag, Map<String, String> headers)
            throws IOException {
        String xml = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag
                + "</ETag></Part></CompleteMultipartUpload>";
        return RawHttp.send(port, "POST", "/bkt/" + key + "?uploadId=" + uploadId, headers,
                xml.getBytes(StandardCharsets.UTF_8));
    }
}
