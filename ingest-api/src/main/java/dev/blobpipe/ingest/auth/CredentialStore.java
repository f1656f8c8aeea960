package dev.blobpipe.ingest.auth;

import java.util.Optional;

/** Looks up the secret key of an access key id. */
public interface CredentialStore {
    Optional<String> secretKey(String accessKeyId);

    /** A store holding one key pair (what `blobpipe dev` uses). */
    static CredentialStore single(String accessKeyId, String secretKey) {
        return id -> id.equals(accessKeyId) ? Optional.of(secretKey) : Optional.empty();
    }
}
