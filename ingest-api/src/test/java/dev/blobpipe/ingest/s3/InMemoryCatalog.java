package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.ListedObject;
import dev.blobpipe.catalog.BucketInfo;
import dev.blobpipe.catalog.Catalog;
import dev.blobpipe.catalog.ListPage;
import dev.blobpipe.catalog.ListRequest;
import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.CorsRule;
import dev.blobpipe.schemas.LifecycleRule;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A catalog in a map, for HTTP tests of the front door (not a model of the real indexer's rules). */
final class InMemoryCatalog implements Catalog {
    final Map<String, BucketInfo> buckets = new ConcurrentHashMap<>();
    final Map<String, TreeMap<String, StoredObject>> objects = new ConcurrentHashMap<>();
    final Map<String, VersionId> newest = new ConcurrentHashMap<>();
    /** Open multipart uploads; completed and aborted ones are removed. */
    final Map<UploadId, MultipartUpload> uploads = new ConcurrentHashMap<>();
    /** The manifest each completed multipart upload made (whether or not it is still live). */
    final Map<UploadId, ObjectManifest> completions = new ConcurrentHashMap<>();
    /** The newest upload of each part number, per multipart upload. */
    final Map<UploadId, TreeMap<Integer, PartInfo>> parts = new ConcurrentHashMap<>();
    /** CORS rules per bucket; absent or empty: none. */
    final Map<String, List<CorsRule>> cors = new ConcurrentHashMap<>();
    /** Lifecycle rules per bucket; absent or empty: none. */
    final Map<String, List<LifecycleRule>> lifecycle = new ConcurrentHashMap<>();
    volatile RuntimeException failure;

    @Override
    public Optional<BucketInfo> bucket(String name) {
        failIfAsked();
        return Optional.ofNullable(buckets.get(name));
    }

    @Override
    public List<BucketInfo> buckets() {
        return buckets.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    @Override
    public synchronized Optional<StoredObject> object(String bucket, String key) {
        failIfAsked();
        TreeMap<String, StoredObject> keys = objects.get(bucket);
        return keys == null ? Optional.empty() : Optional.ofNullable(keys.get(key));
    }

    @Override
    public Optional<VersionId> newestVersion(String bucket, String key) {
        return Optional.ofNullable(newest.get(bucket + "/" + key));
    }

    @Override
    public Optional<VersionId> newestBucketVersion(String bucket) {
        return Optional.ofNullable(newest.get(bucket));
    }

    @Override
    public synchronized boolean hasLiveObjects(String bucket) {
        TreeMap<String, StoredObject> keys = objects.get(bucket);
        return keys != null && !keys.isEmpty();
    }

    @Override
    public synchronized ListPage list(ListRequest request) {
        TreeMap<String, StoredObject> keys = objects.getOrDefault(request.bucket(), new TreeMap<>());
        List<ListedObject> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        String after = request.startAfter();
        for (Map.Entry<String, StoredObject> entry : keys.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(request.prefix()) || after != null && key.compareTo(after) <= 0) {
                continue;
            }
            String entryName = key;
            if (request.delimiter() != null) {
                int at = key.indexOf(request.delimiter(), request.prefix().length());
                if (at >= 0) {
                    entryName = key.substring(0, at + request.delimiter().length());
                    if (entryName.equals(last) || after != null && key.startsWith(after)
                            && after.endsWith(request.delimiter())) {
                        continue;
                    }
                }
            }
            if (page.size() + prefixes.size() == request.maxKeys()) {
                return new ListPage(page, prefixes, true, last);
            }
            if (entryName.equals(key)) {
                page.add(ListedObject.of(entry.getValue()));
            } else {
                prefixes.add(entryName);
            }
            last = entryName;
        }
        return new ListPage(page, prefixes, false, last);
    }

    @Override
    public Optional<MultipartUpload> multipartUpload(String bucket, UploadId uploadId) {
        return Optional.ofNullable(uploads.get(uploadId)).filter(upload -> upload.bucket().equals(bucket));
    }

    @Override
    public Optional<VersionId> completionVersion(String bucket, String key, UploadId uploadId) {
        return Optional.ofNullable(completions.get(uploadId))
                .filter(made -> made.bucket().equals(bucket) && made.key().equals(key))
                .map(ObjectManifest::versionId);
    }

    @Override
    public synchronized List<PartInfo> parts(UploadId uploadId, int afterPartNumber, int limit) {
        TreeMap<Integer, PartInfo> numbered = parts.getOrDefault(uploadId, new TreeMap<>());
        return numbered.tailMap(afterPartNumber, false).values().stream().limit(limit).toList();
    }

    /** Ordered by key, then upload id (the real catalog orders by initiation time first; our clock is fixed). */
    @Override
    public List<MultipartUpload> multipartUploads(String bucket, String prefix, String keyMarker,
            UploadId uploadIdMarker, int limit) {
        Comparator<MultipartUpload> order = Comparator.comparing(MultipartUpload::key)
                .thenComparing(upload -> upload.uploadId().value());
        return uploads.values().stream()
                .filter(upload -> upload.bucket().equals(bucket) && upload.key().startsWith(prefix))
                .filter(upload -> keyMarker == null || upload.key().compareTo(keyMarker) > 0
                        || uploadIdMarker != null && upload.key().equals(keyMarker)
                                && upload.uploadId().value().compareTo(uploadIdMarker.value()) > 0)
                .sorted(order)
                .limit(limit)
                .toList();
    }

    @Override
    public List<LifecycleRule> lifecycleRules(String bucket) {
        return lifecycle.getOrDefault(bucket, List.of());
    }

    @Override
    public List<CorsRule> corsRules(String bucket) {
        return cors.getOrDefault(bucket, List.of());
    }

    synchronized void putPart(PartInfo part) {
        parts.computeIfAbsent(part.manifest().partOf().multipartUploadId(), id -> new TreeMap<>())
                .put(part.partNumber(), part);
    }

    synchronized void put(StoredObject object) {
        objects.computeIfAbsent(object.manifest().bucket(), name -> new TreeMap<>())
                .put(object.manifest().key(), object);
    }

    synchronized void remove(String bucket, String key) {
        TreeMap<String, StoredObject> keys = objects.get(bucket);
        if (keys != null) {
            keys.remove(key);
        }
    }

    private void failIfAsked() {
        RuntimeException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
    }
}
