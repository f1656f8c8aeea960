package dev.blobpipe.cli;

import picocli.CommandLine.Option;

/** The {@code --bucket} and {@code --prefix} options of the admin commands that look at part of one bucket. */
final class BucketScope {
    @Option(names = "--bucket", required = true, description = "The bucket.")
    String bucket;

    @Option(names = "--prefix", defaultValue = "", description = "Only keys starting with this (bytes, no wildcards).")
    String prefix;
}
