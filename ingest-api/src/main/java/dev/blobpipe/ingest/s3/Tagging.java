package dev.blobpipe.ingest.s3;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object tags as S3 takes them: the x-amz-tagging header (URL-encoded query form {@code k1=v1&k2=v2}) and the Tagging
 * document of PutObjectTagging; both are checked against S3's limits (at most 10 tags, keys of 1 to 128 and values of
 * up to 256 characters, no key twice, no {@code aws:} prefix), else InvalidTag
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html).
 */
final class Tagging {
    static final int MAX_TAGS = 10;
    static final int MAX_KEY_CHARS = 128;
    static final int MAX_VALUE_CHARS = 256;
    /** A Tagging document of 10 tags is at most ~10 KiB even fully escaped. */
    static final int MAX_DOCUMENT_BYTES = 64 << 10;

    private Tagging() {
    }

    /** The tags of an x-amz-tagging header; empty for null or "". */
    static Map<String, String> parseHeader(String header) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return tags;
        }
        for (String pair : header.split("&", -1)) {
            int equals = pair.indexOf('=');
            String key = PercentEncoding.decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : PercentEncoding.decodeQuery(pair.substring(equals + 1));
            add(tags, key, value);
        }
        return validate(tags);
    }

    /** The TagSet of a {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>} document. */
    static Map<String, String> parseDocument(XmlTree tagging) {
        Map<String, String> tags = new LinkedHashMap<>();
        XmlTree tagSet = tagging.all("TagSet").stream().findFirst().orElseThrow(XmlTree::malformed);
        for (XmlTree tag : tagSet.all("Tag")) {
            String key = tag.childText("Key");
            String value = tag.childText("Value");
            if (key == null || value == null) {
                throw XmlTree.malformed();
            }
            add(tags, key, value);
        }
        return validate(tags);
    }

    /** Inside a Tagging document. */
    static void write(S3Xml xml, Map<String, String> tags) throws IOException {
        xml.start("TagSet");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            xml.start("Tag").element("Key", tag.getKey()).element("Value", tag.getValue()).end();
        }
        xml.end();
    }

    private static void add(Map<String, String> tags, String key, String value) {
        if (tags.put(key, value) != null) {
            throw new S3Exception(S3Error.INVALID_TAG, "Cannot provide multiple Tags with the same key");
        }
    }

    private static Map<String, String> validate(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new S3Exception(S3Error.INVALID_TAG, "Object tags cannot be greater than " + MAX_TAGS);
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String key = tag.getKey();
            if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_CHARS) {
                throw new S3Exception(S3Error.INVALID_TAG, "The TagKey you have provided is invalid");
            }
            if (tag.getValue().codePointCount(0, tag.getValue().length()) > MAX_VALUE_CHARS) {
                throw new S3Exception(S3Error.INVALID_TAG, "The TagValue you have provided is invalid");
            }
            if (key.startsWith("aws:")) {
                throw new S3Exception(S3Error.INVALID_TAG, "Your TagKey cannot be prefixed with aws:");
            }
        }
        return tags;
    }
}
