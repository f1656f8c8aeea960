package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.LifecycleRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The LifecycleConfiguration document of Put/GetBucketLifecycleConfiguration
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html): up to 1,000
 * {@code <Rule>}s, each with ID, Status, a filter (the legacy top-level {@code <Prefix>}, or {@code <Filter>} with one
 * of Prefix, Tag or And{Prefix, Tag…}; none selects every object) and the actions Expiration{Days} and
 * AbortIncompleteMultipartUpload{DaysAfterInitiation}.
 *
 * <p>What we do not carry out is refused with 501 NotImplemented rather than stored and silently ignored: Expiration
 * Date and ExpiredObjectDeleteMarker, transitions (there are no storage classes), noncurrent-version actions (there
 * is no versioning) and object-size filters. Errors otherwise follow S3: a document that does not fit the schema is
 * MalformedXML, a day count that is not positive or an ID too long or used twice InvalidArgument, a rule without an
 * action, with more than 1,000 rules, a tag filter on AbortIncompleteMultipartUpload or a tag key twice InvalidRequest.
 */
final class LifecycleXml {
    static final int MAX_RULES = 1000;
    static final int MAX_ID_CHARS = 255;
    /** 1,000 rules of a few tags each, escaped, fit well below this. */
    static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final Set<String> RULE_ELEMENTS = Set.of("ID", "Status", "Filter", "Prefix", "Expiration",
            "AbortIncompleteMultipartUpload");
    private static final Set<String> UNSUPPORTED_RULE_ELEMENTS = Set.of("Transition", "Transitions",
            "NoncurrentVersionTransition", "NoncurrentVersionExpiration");
    private static final Set<String> UNSUPPORTED_FILTER_ELEMENTS = Set.of("ObjectSizeGreaterThan",
            "ObjectSizeLessThan");

    private LifecycleXml() {
    }

    static List<LifecycleRule> parse(XmlTree configuration) {
        for (XmlTree child : configuration.children()) {
            if (!child.name().equals("Rule")) {
                throw XmlTree.malformed();
            }
        }
        List<XmlTree> ruleElements = configuration.all("Rule");
        if (ruleElements.isEmpty()) {
            throw XmlTree.malformed();
        }
        if (ruleElements.size() > MAX_RULES) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "The number of lifecycle rules must not exceed the allowed limit of " + MAX_RULES + " rules");
        }
        List<LifecycleRule> rules = new ArrayList<>(ruleElements.size());
        Set<String> ids = new HashSet<>();
        for (XmlTree element : ruleElements) {
            LifecycleRule rule = rule(element);
            if (!rule.id().isEmpty() && !ids.add(rule.id())) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT,
                        "Rule ID must be unique. Found same ID for more than one rule");
            }
            rules.add(rule);
        }
        return rules;
    }

    private static LifecycleRule rule(XmlTree rule) {
        for (XmlTree child : rule.children()) {
            if (UNSUPPORTED_RULE_ELEMENTS.contains(child.name())) {
                throw notImplemented(child.name() + " is not supported: blobpipe has no storage classes and no"
                        + " versioning");
            }
            if (!RULE_ELEMENTS.contains(child.name())) {
                throw XmlTree.malformed();
            }
        }
        String id = rule.childText("ID");
        id = id == null ? "" : id.trim();
        if (id.length() > MAX_ID_CHARS) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "ID length should not exceed allowed limit of "
                    + MAX_ID_CHARS);
        }
        String status = rule.childText("Status");
        if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
            throw XmlTree.malformed();
        }
        String legacyPrefix = rule.childText("Prefix");
        List<XmlTree> filters = rule.all("Filter");
        if (filters.size() > 1 || (legacyPrefix != null && !filters.isEmpty())) {
            throw XmlTree.malformed();   // S3: a rule has either the legacy Prefix or a Filter
        }
        String prefix = legacyPrefix == null ? "" : legacyPrefix;
        Map<String, String> tags = new LinkedHashMap<>();
        if (!filters.isEmpty()) {
            prefix = filter(filters.get(0), tags);
        }
        int expirationDays = expiration(rule.all("Expiration"));
        int abortDays = abort(rule.all("AbortIncompleteMultipartUpload"));
        if (expirationDays == 0 && abortDays == 0) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "At least one action needs to be specified in a rule");
        }
        if (abortDays > 0 && !tags.isEmpty()) {
            throw new S3Exception(S3Error.INVALID_REQUEST,
                    "AbortIncompleteMultipartUpload cannot be specified with Tags");
        }
        return new LifecycleRule(id, "Enabled".equals(status), prefix, tags, legacyPrefix != null, expirationDays,
                abortDays);
    }

    /** The filter's prefix ("" if none); its tags go to {@code tags}. Exactly one predicate, or none. */
    private static String filter(XmlTree filter, Map<String, String> tags) {
        rejectSizeFilters(filter);
        if (filter.children().size() > 1) {
            throw XmlTree.malformed();
        }
        if (filter.children().isEmpty()) {
            return "";
        }
        XmlTree predicate = filter.children().get(0);
        switch (predicate.name()) {
            case "Prefix":
                return predicate.text();
            case "Tag":
                addTag(predicate, tags);
                return "";
            case "And":
                rejectSizeFilters(predicate);
                String prefix = predicate.childText("Prefix");
                for (XmlTree child : predicate.children()) {
                    if (child.name().equals("Tag")) {
                        addTag(child, tags);
                    } else if (!child.name().equals("Prefix")) {
                        throw XmlTree.malformed();
                    }
                }
                return prefix == null ? "" : prefix;
            default:
                throw XmlTree.malformed();
        }
    }

    private static void rejectSizeFilters(XmlTree filter) {
        for (XmlTree child : filter.children()) {
            if (UNSUPPORTED_FILTER_ELEMENTS.contains(child.name())) {
                throw notImplemented(child.name() + " filters are not supported");
            }
        }
    }

    private static void addTag(XmlTree tag, Map<String, String> tags) {
        String key = tag.childText("Key");
        String value = tag.childText("Value");
        if (key == null || value == null || key.isEmpty()) {
            throw XmlTree.malformed();
        }
        if (tags.put(key, value) != null) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "Duplicate Tag Keys are not allowed.");
        }
    }

    /** Expiration{Days}: the days, or 0 when the rule has no Expiration. */
    private static int expiration(List<XmlTree> expirations) {
        if (expirations.isEmpty()) {
            return 0;
        }
        if (expirations.size() > 1) {
            throw XmlTree.malformed();
        }
        XmlTree expiration = expirations.get(0);
        for (XmlTree child : expiration.children()) {
            switch (child.name()) {
                case "Days":
                    break;
                case "Date":
                    throw notImplemented("Expiration Date is not supported; use Days");
                case "ExpiredObjectDeleteMarker":
                    throw notImplemented("ExpiredObjectDeleteMarker is not supported: blobpipe has no versioning");
                default:
                    throw XmlTree.malformed();
            }
        }
        return positiveDays(expiration.childText("Days"), "'Days' for Expiration action must be a positive integer");
    }

    /** AbortIncompleteMultipartUpload{DaysAfterInitiation}: the days, or 0 when the rule has none. */
    private static int abort(List<XmlTree> aborts) {
        if (aborts.isEmpty()) {
            return 0;
        }
        if (aborts.size() > 1) {
            throw XmlTree.malformed();
        }
        return positiveDays(aborts.get(0).childText("DaysAfterInitiation"),
                "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
    }

    private static int positiveDays(String text, String message) {
        if (text == null) {
            throw XmlTree.malformed();
        }
        int days;
        try {
            days = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw XmlTree.malformed();   // not an xsd:int
        }
        if (days <= 0) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, message);
        }
        return days;
    }

    /** Inside LifecycleConfiguration: each rule as S3 shows it, tags of a filter sorted by key. */
    static void write(S3Xml xml, List<LifecycleRule> rules) throws IOException {
        for (LifecycleRule rule : rules) {
            xml.start("Rule");
            if (rule.expires()) {
                xml.start("Expiration").element("Days", rule.expirationDays()).end();
            }
            if (!rule.id().isEmpty()) {
                xml.element("ID", rule.id());
            }
            if (rule.legacyPrefix()) {
                xml.element("Prefix", rule.prefix());
            } else {
                writeFilter(xml, rule);
            }
            xml.element("Status", rule.enabled() ? "Enabled" : "Disabled");
            if (rule.abortsUploads()) {
                xml.start("AbortIncompleteMultipartUpload")
                        .element("DaysAfterInitiation", rule.abortAfterDays()).end();
            }
            xml.end();
        }
    }

    private static void writeFilter(S3Xml xml, LifecycleRule rule) throws IOException {
        xml.start("Filter");
        Map<String, String> tags = new TreeMap<>(rule.tags());
        if (tags.isEmpty()) {
            xml.element("Prefix", rule.prefix());
        } else if (tags.size() == 1 && rule.prefix().isEmpty()) {
            writeTags(xml, tags);
        } else {
            xml.start("And");
            if (!rule.prefix().isEmpty()) {
                xml.element("Prefix", rule.prefix());
            }
            writeTags(xml, tags);
            xml.end();
        }
        xml.end();
    }

    private static void writeTags(S3Xml xml, Map<String, String> tags) throws IOException {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            xml.start("Tag").element("Key", tag.getKey()).element("Value", tag.getValue()).end();
        }
    }

    private static S3Exception notImplemented(String message) {
        return new S3Exception(S3Error.NOT_IMPLEMENTED, message);
    }
}
