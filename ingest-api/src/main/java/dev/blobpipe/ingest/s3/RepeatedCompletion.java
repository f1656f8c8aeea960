package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.ingest.s3.CompleteMultipartXml.ChosenPart;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises a CompleteMultipartUpload of an upload that is already completed, with the same part list: an SDK
 * retrying after a lost response. S3 answers it 200 with the same CompleteMultipartUploadResult
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html), so the retry must not turn a
 * completed upload into a NoSuchUpload error. We recognise it only while the object the completion made is still the
 * key's live version: once overwritten or deleted its ETag is no longer known, and the answer is NoSuchUpload.
 */
final class RepeatedCompletion {
    private static final Logger log = LoggerFactory.getLogger(RepeatedCompletion.class);
    /** A part's ETag as UploadPart gives it, quotes removed: the part's MD5 in hex. */
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    private RepeatedCompletion() {
    }

    /**
     * The live object an earlier completion of {@code uploadId} made, if {@code chosen} lists its parts again; empty
     * if the upload was not completed (for this bucket and key), the object is no longer live, or the list differs.
     */
    static Optional<StoredObject> earlier(Catalog catalog, String bucket, String key, UploadId uploadId,
            List<ChosenPart> chosen) {
        Optional<VersionId> completion = catalog.completionVersion(bucket, key, uploadId);
        if (completion.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredObject> earlier = catalog.object(bucket, key)
                .filter(object -> object.manifest().versionId().equals(completion.get()))
                .filter(object -> sameParts(object, chosen));
        if (earlier.isPresent()) {
            log.debug("repeated completion answered as the first bucket={} key={} multipartUploadId={} version={}",
                    bucket, key, uploadId, completion.get());
        }
        return earlier;
    }

    /**
     * Whether {@code chosen} names the object's parts: the same part numbers in order, and ETags whose composite is
     * the object's ETag (so the same part versions, up to an MD5 collision).
     */
    static boolean sameParts(StoredObject object, List<ChosenPart> chosen) {
        List<Extent> extents = object.extents();
        if (extents.size() != chosen.size()) {
            return false;
        }
        List<String> md5s = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            ChosenPart part = chosen.get(i);
            if (part.partNumber() != extents.get(i).partNumber() || !MD5_HEX.matcher(part.etag()).matches()) {
                return false;
            }
            md5s.add(part.etag().toLowerCase(Locale.ROOT));
        }
        return CompositeDigest.of("MD5", md5s).equalsIgnoreCase(object.manifest().md5Hex());
    }
}
