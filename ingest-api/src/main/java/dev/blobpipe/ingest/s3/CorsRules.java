package dev.blobpipe.ingest.s3;

import dev.blobpipe.schemas.CorsRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches requests against a bucket's CORS rules and says which Access-Control-* headers answer them, as S3 does
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html): the first rule whose origin, method and (for a
 * preflight) every requested header match wins. Origins and header patterns may hold one '*' wildcard; origins and
 * methods compare case-sensitively, header names case-insensitively (HTTP header names are). Pure: no I/O.
 */
final class CorsRules {
    /** The methods a rule may allow. */
    static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
    /** S3's limit on rules per configuration. */
    static final int MAX_RULES = 100;

    private CorsRules() {
    }

    /** The rule that allows a preflight for {@code origin}, {@code method} and every one of {@code headers}. */
    static Optional<CorsRule> matchPreflight(List<CorsRule> rules, String origin, String method,
            List<String> headers) {
        for (CorsRule rule : rules) {
            if (allowsOriginAndMethod(rule, origin, method)
                    && headers.stream().allMatch(header -> allowsHeader(rule, header))) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The rule that allows an actual (non-preflight) request from {@code origin} with {@code method}. */
    static Optional<CorsRule> matchActual(List<CorsRule> rules, String origin, String method) {
        return rules.stream().filter(rule -> allowsOriginAndMethod(rule, origin, method)).findFirst();
    }

    /** The Access-Control-Request-Headers list, names trimmed and lower-cased; empty when absent. */
    static List<String> requestedHeaders(String accessControlRequestHeaders) {
        List<String> headers = new ArrayList<>();
        if (accessControlRequestHeaders != null) {
            for (String header : accessControlRequestHeaders.split(",")) {
                String name = header.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    headers.add(name);
                }
            }
        }
        return headers;
    }

    /** The headers of an allowed preflight's 200. */
    static Map<String, String> preflightHeaders(CorsRule rule, String origin, String method, List<String> headers) {
        Map<String, String> answer = allowOrigin(rule, origin);
        answer.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!headers.isEmpty()) {
            answer.put("Access-Control-Allow-Headers", String.join(", ", headers));
        }
        if (rule.maxAgeSeconds() >= 0) {
            answer.put("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
        }
        if (!rule.exposeHeaders().isEmpty()) {
            answer.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        answer.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return answer;
    }

    /** The headers added to an actual request's response (success or error) that a rule allows. */
    static Map<String, String> actualHeaders(CorsRule rule, String origin) {
        Map<String, String> answer = allowOrigin(rule, origin);
        answer.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!rule.exposeHeaders().isEmpty()) {
            answer.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        }
        if (rule.maxAgeSeconds() >= 0) {
            answer.put("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
        }
        answer.put("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
        return answer;
    }

    /**
     * Refuses what S3 refuses in PutBucketCors: no rule or more than 100, a method it does not know, an origin or
     * header pattern with more than one wildcard.
     */
    static void validate(List<CorsRule> rules) {
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            throw new S3Exception(S3Error.MALFORMED_XML);
        }
        for (CorsRule rule : rules) {
            for (String method : rule.allowedMethods()) {
                if (!METHODS.contains(method)) {
                    throw new S3Exception(S3Error.INVALID_REQUEST,
                            "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
                }
            }
            for (String origin : rule.allowedOrigins()) {
                if (wildcards(origin) > 1) {
                    throw new S3Exception(S3Error.INVALID_REQUEST,
                            "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
                }
            }
            for (String header : rule.allowedHeaders()) {
                if (wildcards(header) > 1) {
                    throw new S3Exception(S3Error.INVALID_REQUEST,
                            "AllowedHeader \"" + header + "\" can not have more than one wildcard.");
                }
            }
        }
    }

    /** Whether {@code value} matches {@code pattern}, which may hold one '*' standing for any (possibly empty) text. */
    static boolean wildcardMatches(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return value.length() >= prefix.length() + suffix.length() && value.startsWith(prefix)
                && value.endsWith(suffix);
    }

    private static boolean allowsOriginAndMethod(CorsRule rule, String origin, String method) {
        return rule.allowedMethods().contains(method)
                && rule.allowedOrigins().stream().anyMatch(pattern -> wildcardMatches(pattern, origin));
    }

    private static boolean allowsHeader(CorsRule rule, String lowerCaseHeader) {
        return rule.allowedHeaders().stream()
                .anyMatch(pattern -> wildcardMatches(pattern.toLowerCase(Locale.ROOT), lowerCaseHeader));
    }

    /**
     * A rule allowing every origin ("*") answers "*" and no credentials, as S3 does; any other echoes the origin and
     * allows credentials (cookies, Authorization), which "*" never may.
     */
    private static Map<String, String> allowOrigin(CorsRule rule, String origin) {
        Map<String, String> answer = new LinkedHashMap<>();
        if (rule.allowedOrigins().contains("*")) {
            answer.put("Access-Control-Allow-Origin", "*");
        } else {
            answer.put("Access-Control-Allow-Origin", origin);
            answer.put("Access-Control-Allow-Credentials", "true");
        }
        return answer;
    }

    private static int wildcards(String pattern) {
        return (int) pattern.chars().filter(c -> c == '*').count();
    }
}
