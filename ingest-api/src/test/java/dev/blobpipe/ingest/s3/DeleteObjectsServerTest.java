package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.ObjectEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeleteObjects over HTTP: many keys, Quiet mode, per-key errors, the body's digest. */
class DeleteObjectsServerTest {
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
    void thousandKeysAreDeletedInOneRequest() throws IOException {
        var keys = new java.util.ArrayList<String>();
        for (int i = 0; i < 1000; i++) {
            keys.add("k/" + i + " & <x>");
            fakes.putObject("bkt", keys.get(i), new byte[] {1}, Map.of());
        }

        var reply = delete(document(keys, false));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).contains("<DeleteResult").contains("<Deleted><Key>k/999 &amp; &lt;x");
        assertThat(count(reply.text(), "<Deleted>")).isEqualTo(1000);
        assertThat(fakes.events).hasSize(1000).allMatch(ObjectEvent.ObjectDeleted.class::isInstance);
        assertThat(fakes.catalog.hasLiveObjects("bkt")).isFalse();
    }

    @Test
    void quietModeListsOnlyErrorsAndAbsentKeysCountAsDeleted() throws IOException {
        fakes.putObject("bkt", "live", new byte[] {1}, Map.of());
        String tooLong = "x".repeat(1025);

        var reply = delete(document(List.of("live", "absent", tooLong), true));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).doesNotContain("<Deleted>")
                .contains("<Error><Key>" + tooLong + "</Key><Code>KeyTooLongError</Code>");
        assertThat(fakes.events).hasSize(1);
    }

    @Test
    void perKeyErrorsDoNotStopTheOtherKeys() throws IOException {
        fakes.putObject("bkt", "a", new byte[] {1}, Map.of());
        String body = "<Delete><Object><Key>a</Key></Object><Object><Key>b</Key><VersionId>v1</VersionId></Object>"
                + "</Delete>";

        var reply = delete(body);

        assertThat(reply.text()).contains("<Deleted><Key>a</Key></Deleted>")
                .contains("<Error><Key>b</Key><VersionId>v1</VersionId><Code>InvalidArgument</Code>");
        assertThat(fakes.catalog.object("bkt", "a")).isEmpty();
    }

    @Test
    void moreThanAThousandKeysOrNoneIsMalformedXml() throws IOException {
        var keys = new java.util.ArrayList<String>();
        for (int i = 0; i < 1001; i++) {
            keys.add("k" + i);
        }

        var tooMany = delete(document(keys, false));
        var none = delete("<Delete><Quiet>true</Quiet></Delete>");

        assertThat(tooMany.text()).contains("<Code>MalformedXML</Code>");
        assertThat(none.text()).contains("<Code>MalformedXML</Code>");
        assertThat(fakes.events).isEmpty();
    }

    @Test
    void wrongContentMd5IsBadDigestAndDeletesNothing() throws IOException {
        fakes.putObject("bkt", "a", new byte[] {1}, Map.of());
        byte[] body = document(List.of("a"), false).getBytes(StandardCharsets.UTF_8);

        var wrong = RawHttp.send(port, "POST", "/bkt?delete", Map.of("Content-MD5", md5("other")), body);
        var right = RawHttp.send(port, "POST", "/bkt?delete",
                Map.of("Content-MD5", md5(document(List.of("a"), false))), body);

        assertThat(wrong.text()).contains("<Code>BadDigest</Code>");
        assertThat(right.status()).isEqualTo(200);
        assertThat(fakes.events).hasSize(1);
    }

    private RawHttp.Reply delete(String body) throws IOException {
        return RawHttp.send(port, "POST", "/bkt?delete", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String document(List<String> keys, boolean quiet) {
        var xml = new StringBuilder("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        if (quiet) {
            xml.append("<Quiet>true</Quiet>");
        }
        for (String key : keys) {
            xml.append("<Object><Key>").append(key.replace("&", "&amp;").replace("<", "&lt;"))
                    .append("</Key></Object>");
        }
        return xml.append("</Delete>").toString();
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    private static String md5(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
