package dev.blobpipe.ingest.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * URLs presigned by the real AWS SDK v2 {@link S3Presigner} (path style, http://localhost:9000), handed over as the
 * {@link SignedRequest} a plain HTTP client sends with them. The presigner signs with the system clock, so
 * verifiers are built at a time relative to the URL's own X-Amz-Date.
 */
final class SdkPresigner {
    static final String ACCESS_KEY = SdkSigner.ACCESS_KEY;
    static final String SECRET_KEY = SdkSigner.SECRET_KEY;

    private SdkPresigner() {
    }

    static S3Presigner presigner(AwsCredentials credentials) {
        return S3Presigner.builder()
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .endpointOverride(URI.create("http://localhost:9000"))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** The request as sent: method, the URL's raw path and query, and the headers the presigner signed. */
    static SignedRequest request(PresignedRequest presigned) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        presigned.signedHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        try {
            URI url = presigned.url().toURI();
            return new SignedRequest(presigned.httpRequest().method().name(), url.getRawPath(), url.getRawQuery(),
                    headers);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK produced an invalid URL", e);
        }
    }

    /** The X-Amz-Date of a presigned request. */
    static Instant signedAt(SignedRequest request) {
        String date = queryValue(request, "X-Amz-Date");
        return SigV4Verifier.AMZ_DATE.parse(date, Instant::from);
    }

    /** The raw value of one query parameter, or null. */
    static String queryValue(SignedRequest request, String name) {
        for (String param : request.rawQuery().split("&")) {
            if (param.startsWith(name + "=")) {
                return param.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** A copy of the request with one query parameter's raw value replaced. */
    static SignedRequest withQueryValue(SignedRequest request, String name, String rawValue) {
        String old = queryValue(request, name);
        if (old == null) {
            throw new IllegalArgumentException("no query parameter " + name);
        }
        String query = ("&" + request.rawQuery()).replace("&" + name + "=" + old, "&" + name + "=" + rawValue);
        return withQuery(request, query.substring(1));
    }

    static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers());
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(CredentialStore.single(ACCESS_KEY, SECRET_KEY), Clock.fixed(now, ZoneOffset.UTC));
    }
}
