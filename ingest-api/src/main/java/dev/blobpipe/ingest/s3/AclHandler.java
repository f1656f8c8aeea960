package dev.blobpipe.ingest.s3;

import java.io.IOException;

/**
 * GetBucketAcl and GetObjectAcl: one user owns everything, so every ACL is the owner with FULL_CONTROL. Clients (and
 * tools such as s3cmd) read ACLs even when they never set one.
 */
final class AclHandler {
    private static final String ROOT = "AccessControlPolicy";

    private final S3Backend backend;
    private final Owner owner;

    AclHandler(S3Backend backend, Owner owner) {
        this.backend = backend;
        this.owner = owner;
    }

    void bucketAcl(S3Call call) throws IOException {
        backend.requireBucket(call.bucket());
        call.sendXml(ROOT, xml -> BucketXml.writeOwnerOnlyAcl(xml, owner));
    }

    void objectAcl(S3Call call) throws IOException {
        backend.requireBucket(call.bucket());
        if (backend.catalog().object(call.bucket(), call.key()).isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_KEY);
        }
        call.sendXml(ROOT, xml -> BucketXml.writeOwnerOnlyAcl(xml, owner));
    }
}
