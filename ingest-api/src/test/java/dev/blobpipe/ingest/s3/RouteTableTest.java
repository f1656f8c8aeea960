package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.ingest.IngestConfig;
import dev.blobpipe.ingest.s3.S3Resource.Shape;
import dev.blobpipe.schemas.config.ConfigValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    @ParameterizedTest
    @CsvSource({
        "GET,    SERVICE, '',                       LIST_BUCKETS",
        "PUT,    BUCKET,  '',                       CREATE_BUCKET",
        "HEAD,   BUCKET,  '',                       HEAD_BUCKET",
        "DELETE, BUCKET,  '',                       DELETE_BUCKET",
        "GET,    BUCKET,  location,                 GET_BUCKET_LOCATION",
        "GET,    BUCKET,  versioning,               GET_BUCKET_VERSIONING",
        "GET,    BUCKET,  acl,                      GET_BUCKET_ACL",
        "GET,    BUCKET,  list-type=2&prefix=a,     LIST_OBJECTS_V2",
        "GET,    BUCKET,  prefix=a&marker=b,        LIST_OBJECTS",
        "PUT,    OBJECT,  x-id=PutObject,           PUT_OBJECT",
        "GET,    OBJECT,  response-content-type=a, GET_OBJECT",
        "HEAD,   OBJECT,  '',                       HEAD_OBJECT",
        "DELETE, OBJECT,  '',                       DELETE_OBJECT",
        "GET,    OBJECT,  acl,                      GET_OBJECT_ACL",
        "POST,   OBJECT,  uploads,                  CREATE_MULTIPART_UPLOAD",
        "PUT,    OBJECT,  partNumber=1&uploadId=u,  UPLOAD_PART",
        "PUT,    OBJECT,  uploadId=u&partNumber=1&x-id=UploadPart, UPLOAD_PART",
        "POST,   OBJECT,  uploadId=u,               COMPLETE_MULTIPART_UPLOAD",
        "DELETE, OBJECT,  uploadId=u,               ABORT_MULTIPART_UPLOAD",
        "GET,    OBJECT,  uploadId=u&max-parts=2,   LIST_PARTS",
        "GET,    BUCKET,  uploads&prefix=a,         LIST_MULTIPART_UPLOADS",
        "GET,    OBJECT,  partNumber=2,             GET_OBJECT",
        "HEAD,   OBJECT,  partNumber=2,             HEAD_OBJECT",
        "PUT,    BUCKET,  lifecycle,                PUT_BUCKET_LIFECYCLE",
        "GET,    BUCKET,  lifecycle=,               GET_BUCKET_LIFECYCLE",
        "DELETE, BUCKET,  lifecycle,                DELETE_BUCKET_LIFECYCLE"})
    void implementedOperationsResolve(String method, Shape shape, String query, Operation expected) {
        assertThat(RouteTable.resolve(method, shape, QueryParams.parse(query), Map.of())).isEqualTo(expected);
    }

    @Test
    void uploadPartWithCopySourceIsUploadPartCopy() {
        assertThat(RouteTable.resolve("PUT", Shape.OBJECT, QueryParams.parse("partNumber=3&uploadId=u"),
                Map.of("x-amz-copy-source", "/a/b"))).isEqualTo(Operation.UPLOAD_PART_COPY);
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    OBJECT, partNumber=1&versionId=x",
        "PUT,    OBJECT, uploadId=u",
        "PUT,    OBJECT, partNumber=1",
        "GET,    OBJECT, uploads",
        "POST,   BUCKET, uploads",
        "DELETE, BUCKET, uploadId=u",
        "POST,   OBJECT, uploads&uploadId=u",
        "GET,    OBJECT, acl&versionId=x",
        "POST,   BUCKET, lifecycle",
        "GET,    OBJECT, lifecycle"})
    void subresourceCombinationsWithoutARouteAreNotImplemented(String method, Shape shape, String query) {
        assertThat(RouteTable.resolve(method, shape, QueryParams.parse(query), Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "replication",
            "versions", "website", "notification", "object-lock", "retention", "versionId=x"})
    void unknownSubresourcesAreNotImplemented(String query) {
        for (String method : List.of("GET", "PUT", "POST", "DELETE")) {
            for (Shape shape : List.of(Shape.BUCKET, Shape.OBJECT)) {
                assertThat(RouteTable.resolve(method, shape, QueryParams.parse(query), Map.of()))
                        .as(method + " " + shape + " ?" + query)
                        .isEqualTo(Operation.NOT_IMPLEMENTED);
            }
        }
    }

    @Test
    void writesOfImplementedReadSubresourcesAreNotImplemented() {
        assertThat(RouteTable.resolve("PUT", Shape.BUCKET, QueryParams.parse("acl"), Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
        assertThat(RouteTable.resolve("PUT", Shape.BUCKET, QueryParams.parse("versioning"), Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
    }

    @Test
    void postObjectIsNotImplemented() {
        assertThat(RouteTable.resolve("POST", Shape.BUCKET, QueryParams.EMPTY, Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
    }

    @Test
    void copyIsAPutWithCopySourceAndConditionalPutIsAPut() {
        assertThat(RouteTable.resolve("PUT", Shape.OBJECT, QueryParams.EMPTY, Map.of("x-amz-copy-source", "/a/b")))
                .isEqualTo(Operation.COPY_OBJECT);
        assertThat(RouteTable.resolve("PUT", Shape.OBJECT, QueryParams.EMPTY, Map.of("if-none-match", "*")))
                .isEqualTo(Operation.PUT_OBJECT);
    }

    @ParameterizedTest
    @CsvSource({"GET, BUCKET, cors, GET_BUCKET_CORS", "PUT, BUCKET, cors, PUT_BUCKET_CORS",
        "DELETE, BUCKET, cors, DELETE_BUCKET_CORS", "POST, BUCKET, delete, DELETE_OBJECTS",
        "GET, OBJECT, tagging, GET_OBJECT_TAGGING", "PUT, OBJECT, tagging, PUT_OBJECT_TAGGING",
        "DELETE, OBJECT, tagging, DELETE_OBJECT_TAGGING", "OPTIONS, BUCKET, '', CORS_PREFLIGHT",
        "OPTIONS, OBJECT, '', CORS_PREFLIGHT", "OPTIONS, OBJECT, uploads, CORS_PREFLIGHT"})
    void roundTwoOperationsHaveTheirRoutes(String method, Shape shape, String query, Operation expected) {
        assertThat(RouteTable.resolve(method, shape, QueryParams.parse(query), Map.of())).isEqualTo(expected);
    }

    @Test
    void tagsAndCorsOfTheWrongShapeAreNotImplemented() {
        assertThat(RouteTable.resolve("GET", Shape.BUCKET, QueryParams.parse("tagging"), Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
        assertThat(RouteTable.resolve("GET", Shape.OBJECT, QueryParams.parse("cors"), Map.of()))
                .isEqualTo(Operation.NOT_IMPLEMENTED);
    }

    @Test
    void presignedQueryRoutesLikeThePlainRequest() {
        // the X-Amz-* parameters authenticate; they are not subresources
        assertThat(RouteTable.resolve("GET", Shape.OBJECT, QueryParams.parse("X-Amz-Signature=ab"), Map.of()))
                .isEqualTo(RouteTable.resolve("GET", Shape.OBJECT, QueryParams.EMPTY, Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"PUT, SERVICE", "DELETE, SERVICE", "POST, OBJECT", "PATCH, OBJECT", "OPTIONS, SERVICE",
        "TRACE, SERVICE", "get, OBJECT"})
    void methodsAShapeDoesNotSupportAreMethodNotAllowed(String method, Shape shape) {
        assertThat(RouteTable.resolve(method, shape, QueryParams.EMPTY, Map.of()))
                .isEqualTo(Operation.METHOD_NOT_ALLOWED);
    }

    @Test
    void everyOperationHasAHandler() {
        var handler = new S3RequestHandler(IngestConfig.from(ConfigValues.empty()), new InMemoryBackend().backend());

        for (Operation operation : Operation.values()) {
            assertThat(handler.handles(operation)).as(operation.name()).isTrue();
        }
    }
}
