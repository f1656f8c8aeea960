package dev.blobpipe.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The servers of the comparison, in the order they run, and how each starts from its classpath. */
enum ServerKind {
    BLOBPIPE, S3PROXY, NULL;

    /**
     * Where each server's classes are: blobpipe's cli, S3Proxy's runtime, and this module (the null server). Entries
     * are made absolute: the servers run in work directories of their own. {@code blobpipeJvmOptions} are the options
     * bin/blobpipe adds (bin/jvm.options), so that blobpipe runs as it ships.
     */
    record Classpaths(String blobpipe, String s3proxy, String bench, String blobpipeJvmOptions) {
        Classpaths {
            blobpipe = absolute(blobpipe);
            s3proxy = absolute(s3proxy);
            bench = absolute(bench);
        }

        private static String absolute(String classpath) {
            return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                    .map(entry -> Path.of(entry).toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    BenchServer start(Classpaths classpaths, Path workDir, String heap) throws IOException {
        switch (this) {
            case BLOBPIPE: return BlobpipeServer.start(classpaths.blobpipe(), workDir,
                    classpaths.blobpipeJvmOptions() + " " + heap);
            case S3PROXY: return S3ProxyServer.start(classpaths.s3proxy(), workDir, heap);
            case NULL: return NullServer.start(classpaths.bench(), workDir, heap);
            default: throw new IllegalStateException("no way to start " + this);
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
