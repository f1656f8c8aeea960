package dev.blobpipe.ingest.s3;

/** What a request asks for, as the route table resolves it; the last two are answers rather than operations. */
enum Operation {
    LIST_BUCKETS,
    CREATE_BUCKET,
    HEAD_BUCKET,
    DELETE_BUCKET,
    GET_BUCKET_LOCATION,
    GET_BUCKET_VERSIONING,
    GET_BUCKET_ACL,
    LIST_OBJECTS,
    LIST_OBJECTS_V2,
    PUT_OBJECT,
    GET_OBJECT,
    HEAD_OBJECT,
    DELETE_OBJECT,
    GET_OBJECT_ACL,
    GET_OBJECT_ATTRIBUTES,
    CREATE_MULTIPART_UPLOAD,
    UPLOAD_PART,
    UPLOAD_PART_COPY,
    COMPLETE_MULTIPART_UPLOAD,
    ABORT_MULTIPART_UPLOAD,
    LIST_PARTS,
    LIST_MULTIPART_UPLOADS,
    COPY_OBJECT,
    DELETE_OBJECTS,
    PUT_BUCKET_CORS,
    GET_BUCKET_CORS,
    DELETE_BUCKET_CORS,
    /** OPTIONS on a bucket or object: answered from the bucket's CORS rules, without authentication. */
    CORS_PREFLIGHT,
    PUT_BUCKET_LIFECYCLE,
    GET_BUCKET_LIFECYCLE,
    DELETE_BUCKET_LIFECYCLE,
    PUT_OBJECT_TAGGING,
    GET_OBJECT_TAGGING,
    DELETE_OBJECT_TAGGING,
    /** A real S3 operation we do not offer (yet): 501 NotImplemented. */
    NOT_IMPLEMENTED,
    /** A method the addressed resource does not support: 405 MethodNotAllowed. */
    METHOD_NOT_ALLOWED
}
