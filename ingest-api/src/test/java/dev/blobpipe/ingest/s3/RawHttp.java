package dev.blobpipe.ingest.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny HTTP/1.1 client over a socket, so tests control every byte (raw paths with // and %2F, Host, missing
 * Content-Length) that java.net.http would normalise or refuse.
 */
final class RawHttp {
    private static final int TIMEOUT_MS = 10_000;

    /** A response; {@code complete} is false when the connection broke before the declared body arrived. */
    record Reply(int status, Map<String, String> headers, byte[] body, boolean complete) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static Reply send(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        var head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!headers.containsKey("Host")) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null && !headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return exchange(port, head.toString().getBytes(StandardCharsets.UTF_8), body, "HEAD".equals(method));
    }

    static Reply send(int port, String method, String target) throws IOException {
        return send(port, method, target, Map.of(), null);
    }

    /** Sends bytes as they are (for requests Jetty itself must refuse). */
    static Reply exchange(int port, byte[] requestHead, byte[] body, boolean head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), head);
        }
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        var all = new ByteArrayOutputStream();
        boolean broken = false;
        try {
            in.transferTo(all);
        } catch (IOException e) {
            broken = true;   // a reset connection: what the client of an aborted response sees
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete response head: " + new String(bytes, StandardCharsets.UTF_8));
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if (head || status == 204 || status == 304) {
            return new Reply(status, headers, new byte[0], !broken);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return dechunk(status, headers, rest, broken);
        }
        String length = headers.get("content-length");
        if (length != null) {
            int declared = Integer.parseInt(length);
            boolean complete = rest.length >= declared;
            return new Reply(status, headers, Arrays.copyOf(rest, Math.min(declared, rest.length)), complete);
        }
        return new Reply(status, headers, rest, !broken);
    }

    private static Reply dechunk(int status, Map<String, String> headers, byte[] rest, boolean broken) {
        var body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(Arrays.copyOfRange(rest, at, rest.length), "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                return new Reply(status, headers, body.toByteArray(), false);
            }
            String sizeLine = new String(rest, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            at += lineEnd + 2;
            if (size == 0) {
                return new Reply(status, headers, body.toByteArray(), !broken);
            }
            if (at + size > rest.length) {
                body.write(rest, at, rest.length - at);
                return new Reply(status, headers, body.toByteArray(), false);
            }
            body.write(rest, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
