package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.CorsRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CORSConfiguration document of Put/GetBucketCors: {@code <CORSRule>} elements with ID, AllowedOrigin,
 * AllowedMethod, AllowedHeader, ExposeHeader (each repeatable) and MaxAgeSeconds
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html).
 */
final class CorsXml {
    /** 100 rules of a few origins and headers each fit comfortably. */
    static final int MAX_DOCUMENT_BYTES = 64 << 10;

    private CorsXml() {
    }

    static List<CorsRule> parse(XmlTree configuration) {
        List<CorsRule> rules = new ArrayList<>();
        for (XmlTree rule : configuration.all("CORSRule")) {
            List<String> origins = rule.childTexts("AllowedOrigin");
            List<String> methods = rule.childTexts("AllowedMethod");
            if (origins.isEmpty() || methods.isEmpty()) {
                throw XmlTree.malformed();
            }
            String id = rule.childText("ID");
            rules.add(new CorsRule(id == null ? null : id.trim(), origins, methods, rule.childTexts("AllowedHeader"),
                    rule.childTexts("ExposeHeader"), maxAge(rule.childText("MaxAgeSeconds"))));
        }
        CorsRules.validate(rules);
        return rules;
    }

    /** Inside CORSConfiguration. */
    static void write(S3Xml xml, List<CorsRule> rules) throws IOException {
        for (CorsRule rule : rules) {
            xml.start("CORSRule");
            if (!rule.id().isEmpty()) {
                xml.element("ID", rule.id());
            }
            for (String header : rule.allowedHeaders()) {
                xml.element("AllowedHeader", header);
            }
            for (String method : rule.allowedMethods()) {
                xml.element("AllowedMethod", method);
            }
            for (String origin : rule.allowedOrigins()) {
                xml.element("AllowedOrigin", origin);
            }
            for (String header : rule.exposeHeaders()) {
                xml.element("ExposeHeader", header);
            }
            if (rule.maxAgeSeconds() >= 0) {
                xml.element("MaxAgeSeconds", rule.maxAgeSeconds());
            }
            xml.end();
        }
    }

    private static int maxAge(String text) {
        if (text == null) {
            return -1;
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below like a negative value
        }
        throw XmlTree.malformed();
    }
}
