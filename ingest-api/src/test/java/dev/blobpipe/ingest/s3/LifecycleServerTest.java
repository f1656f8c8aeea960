package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Put/Get/DeleteBucketLifecycleConfiguration over HTTP: what is stored, what is shown, what is refused. */
class LifecycleServerTest {
    private static final String CONFIGURATION = "<LifecycleConfiguration "
            + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Rule><ID>logs-30d</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
            + "<Expiration><Days>30</Days></Expiration></Rule>"
            + "<Rule><ID>short</ID><Filter><And><Prefix>db/</Prefix><Tag><Key>keep</Key><Value>short</Value></Tag>"
            + "<Tag><Key>env</Key><Value>dev</Value></Tag></And></Filter><Status>Disabled</Status>"
            + "<Expiration><Days>90</Days></Expiration></Rule>"
            + "<Rule><ID>tagged</ID><Filter><Tag><Key>tmp</Key><Value>yes</Value></Tag></Filter>"
            + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
            + "<Rule><Prefix>uploads/</Prefix><Status>Enabled</Status>"
            + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation>"
            + "</AbortIncompleteMultipartUpload></Rule>"
            + "</LifecycleConfiguration>";

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
    void configurationIsStoredReadBackAndDeleted() throws IOException {
        var put = putLifecycle(CONFIGURATION);
        var get = RawHttp.send(port, "GET", "/bkt?lifecycle");
        var deleted = RawHttp.send(port, "DELETE", "/bkt?lifecycle");
        var gone = RawHttp.send(port, "GET", "/bkt?lifecycle");

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        var set = (ObjectEvent.BucketLifecycleSet) fakes.events.get(0);
        assertThat(set.rules()).containsExactly(
                new LifecycleRule("logs-30d", true, "logs/", Map.of(), false, 30, 0),
                new LifecycleRule("short", false, "db/", Map.of("keep", "short", "env", "dev"), false, 90, 0),
                new LifecycleRule("tagged", true, "", Map.of("tmp", "yes"), false, 1, 0),
                new LifecycleRule("", true, "uploads/", Map.of(), true, 0, 7));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.text()).contains("<LifecycleConfiguration")
                .contains("<Expiration><Days>30</Days></Expiration><ID>logs-30d</ID>"
                        + "<Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>")
                .contains("<Filter><And><Prefix>db/</Prefix><Tag><Key>env</Key><Value>dev</Value></Tag>"
                        + "<Tag><Key>keep</Key><Value>short</Value></Tag></And></Filter><Status>Disabled</Status>")
                .contains("<Filter><Tag><Key>tmp</Key><Value>yes</Value></Tag></Filter>")
                .contains("<Prefix>uploads/</Prefix><Status>Enabled</Status><AbortIncompleteMultipartUpload>"
                        + "<DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload>");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.text()).contains("<Code>NoSuchLifecycleConfiguration</Code>");
    }

    @Test
    void deleteWithoutConfigurationIs204AndPublishesNothing() throws IOException {
        var deleted = RawHttp.send(port, "DELETE", "/bkt?lifecycle");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void unknownBucketIsNoSuchBucket() throws IOException {
        var get = RawHttp.send(port, "GET", "/nope?lifecycle");
        var put = RawHttp.send(port, "PUT", "/nope?lifecycle", Map.of(), bytes(CONFIGURATION));

        assertThat(get.text()).contains("<Code>NoSuchBucket</Code>");
        assertThat(put.text()).contains("<Code>NoSuchBucket</Code>");
    }

    @Test
    void documentsThatDoNotFitTheSchemaAreMalformedXml() throws IOException {
        List<String> malformed = List.of(
                "not xml",
                "<LifecycleConfiguration></LifecycleConfiguration>",
                rule("<Filter><Prefix>a/</Prefix></Filter><Expiration><Days>1</Days></Expiration>"),
                rule("<Status>On</Status><Expiration><Days>1</Days></Expiration>"),
                rule("<Status>Enabled</Status><Prefix>a/</Prefix><Filter><Prefix>b/</Prefix></Filter>"
                        + "<Expiration><Days>1</Days></Expiration>"),
                rule("<Status>Enabled</Status><Filter><Prefix>a/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag>"
                        + "</Filter><Expiration><Days>1</Days></Expiration>"),
                rule("<Status>Enabled</Status><Expiration><Days>thirty</Days></Expiration>"),
                rule("<Status>Enabled</Status><Expiration><Days>1</Days></Expiration><Color>red</Color>"));

        for (String document : malformed) {
            var reply = putLifecycle(document);
            assertThat(reply.status()).as(document).isEqualTo(400);
            assertThat(reply.text()).as(document).contains("<Code>MalformedXML</Code>");
        }
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void badValuesAreRefusedAsS3RefusesThem() throws IOException {
        String duplicateIds = "<LifecycleConfiguration>"
                + "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
                + "<Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>"
                + "</LifecycleConfiguration>";

        assertError(rule("<Status>Enabled</Status><Expiration><Days>0</Days></Expiration>"), 400,
                "InvalidArgument");
        assertError(rule("<Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>-1"
                + "</DaysAfterInitiation></AbortIncompleteMultipartUpload>"), 400, "InvalidArgument");
        assertError(rule("<ID>" + "x".repeat(256) + "</ID><Status>Enabled</Status>"
                + "<Expiration><Days>1</Days></Expiration>"), 400, "InvalidArgument");
        assertError(duplicateIds, 400, "InvalidArgument");
        assertError(rule("<Status>Enabled</Status><Filter><Prefix>a/</Prefix></Filter>"), 400, "InvalidRequest");
        assertError(rule("<Status>Enabled</Status><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>"
                + "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation>"
                + "</AbortIncompleteMultipartUpload>"), 400, "InvalidRequest");
        assertError(rule("<Status>Enabled</Status><Filter><And><Tag><Key>k</Key><Value>1</Value></Tag>"
                + "<Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>"
                + "<Expiration><Days>1</Days></Expiration>"), 400, "InvalidRequest");
        assertError(manyRules(LifecycleXml.MAX_RULES + 1), 400, "InvalidRequest");
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void thousandRulesAreAccepted() throws IOException {
        var reply = putLifecycle(manyRules(LifecycleXml.MAX_RULES));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(((ObjectEvent.BucketLifecycleSet) fakes.events.get(0)).rules()).hasSize(LifecycleXml.MAX_RULES);
    }

    @Test
    void actionsWeDoNotCarryOutAreNotImplemented() throws IOException {
        assertError(rule("<Status>Enabled</Status><Expiration><Date>2030-01-01T00:00:00Z</Date></Expiration>"),
                501, "NotImplemented");
        assertError(rule("<Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass>"
                + "</Transition>"), 501, "NotImplemented");
        assertError(rule("<Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays>"
                + "</NoncurrentVersionExpiration>"), 501, "NotImplemented");
        assertError(rule("<Status>Enabled</Status><Filter><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan>"
                + "</Filter><Expiration><Days>1</Days></Expiration>"), 501, "NotImplemented");
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void badContentMd5IsRefused() throws IOException {
        var reply = RawHttp.send(port, "PUT", "/bkt?lifecycle", Map.of("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA=="),
                bytes(CONFIGURATION));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text()).contains("<Code>BadDigest</Code>");
        assertThat(fakes.events).isEmpty();
    }

    private void assertError(String document, int status, String code) throws IOException {
        var reply = putLifecycle(document);
        assertThat(reply.status()).as(document).isEqualTo(status);
        assertThat(reply.text()).as(document).contains("<Code>" + code + "</Code>");
    }

    private RawHttp.Reply putLifecycle(String document) throws IOException {
        return RawHttp.send(port, "PUT", "/bkt?lifecycle", Map.of(), bytes(document));
    }

    private static String rule(String elements) {
        return "<LifecycleConfiguration><Rule>" + elements + "</Rule></LifecycleConfiguration>";
    }

    private static String manyRules(int count) {
        var document = new StringBuilder("<LifecycleConfiguration>");
        for (int index = 0; index < count; index++) {
            document.append("<Rule><ID>r").append(index).append("</ID><Filter><Prefix>p").append(index)
                    .append("/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>"
                            + "</Rule>");
        }
        return document.append("</LifecycleConfiguration>").toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
