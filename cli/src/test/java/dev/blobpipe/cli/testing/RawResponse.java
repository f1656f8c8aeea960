package dev.blobpipe.cli.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** One HTTP response as a raw client saw it: status, headers (lower-case names) and the body as text. */
public record RawResponse(int status, Map<String, List<String>> headers, String body) {

    public RawResponse {
        var lowerCase = new TreeMap<String, List<String>>();
        headers.forEach((name, values) -> lowerCase.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = Map.copyOf(lowerCase);
    }

    /** Sends {@code request} with {@code http} and reads the whole answer as text. */
    public static RawResponse send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + request.method() + " " + request.uri(), e);
        }
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The text of the first element with this name in an XML body (S3 errors: Code, Message, Resource, RequestId). */
    public Optional<String> xmlElement(String name) {
        if (body.isBlank()) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            NodeList nodes = document.getElementsByTagName(name);
            return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("response body is not XML: status=" + status + " body=" + body, e);
        }
    }

    /** The S3 error code of an error body. */
    public String errorCode() {
        return xmlElement("Code").orElse(null);
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + headers + "\n" + body;
    }
}
