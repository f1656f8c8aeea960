package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketXmlTest {

    @Test
    void readsTheLocationConstraintWithOrWithoutNamespace() throws IOException {
        assertThat(parse("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"))
                .contains("eu-west-1");
        assertThat(parse("<?xml version=\"1.0\"?><CreateBucketConfiguration><LocationConstraint> ap-south-1 "
                + "</LocationConstraint></CreateBucketConfiguration>")).contains("ap-south-1");
    }

    @Test
    void emptyBodyOrEmptyConfigurationNamesNoLocation() throws IOException {
        assertThat(parse("")).isEmpty();
        assertThat(parse("<CreateBucketConfiguration/>")).isEmpty();
        assertThat(parse("<CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<CreateBucketConfiguration>", "not xml", "<Other/>",
            "<CreateBucketConfiguration></Other>"})
    void malformedDocumentsAreMalformedXml(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.error()).isEqualTo(S3Error.MALFORMED_XML));
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<CreateBucketConfiguration><LocationConstraint>&x;</LocationConstraint></CreateBucketConfiguration>";

        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(S3Exception.class);
    }

    @Test
    void ownerOnlyAclGrantsFullControlToTheOwner() throws IOException {
        var out = new ByteArrayOutputStream();
        try (S3Xml xml = S3Xml.open(out, "AccessControlPolicy")) {
            BucketXml.writeOwnerOnlyAcl(xml, new Owner("id1", "me"));
        }

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("<Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                        + "<ID>id1</ID><DisplayName>me</DisplayName></Grantee><Permission>FULL_CONTROL</Permission>");
    }

    private static Optional<String> parse(String body) throws IOException {
        return BucketXml.parseLocationConstraint(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
