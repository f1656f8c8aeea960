package dev.blobpipe.blobstore.fs;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobInfo;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.blobstore.StagingBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} on a local (or shared) filesystem: one file per blob under a root directory. Publishing is an
 * fsync of the file, an atomic rename, and an fsync of the target directory, so a published blob survives a crash of
 * the process and of the machine.
 */
public final class FilesystemBlobStore implements BlobStore {
    private final Path root;

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        Files.createDirectories(this.root);
    }

    @Override
    public StagingBlob openStaging(String name) throws IOException {
        Path path = resolve(name);
        Files.createDirectories(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new FileStagingBlob(name, channel);
    }

    @Override
    public void publish(String stagingName, String finalName) throws IOException {
        Path source = resolve(stagingName);
        Path target = resolve(finalName);
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.createDirectories(target.getParent());
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    @Override
    public AppendableBlob createAppendable(String name) throws IOException {
        Path path = resolve(name);
        Files.createDirectories(path.getParent());
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FileAppendableBlob(name, path, channel);
    }

    @Override
    public InputStream openRead(String name, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(resolve(name), StandardOpenOption.READ);
        try {
            if (offset + length > channel.size()) {
                throw new IOException("blob " + name + " is " + channel.size() + " bytes, read wants "
                        + offset + "+" + length);
            }
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) throws IOException {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("list takes a directory prefix ending in '/': " + prefix);
        }
        Path directory = resolve(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<BlobInfo> blobs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                blobs.add(new BlobInfo(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
            }
        }
        return blobs;
    }

    @Override
    public long size(String name) throws IOException {
        try {
            return Files.size(resolve(name));
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }

    private Path resolve(String name) {
        return root.resolve(BlobNames.requireValid(name));
    }

    private static void syncDirectory(Path directory) throws IOException {
        // a rename is durable only once its directory entry is: fsync the directory (works on Linux)
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A segment file: appends through one channel, the directory entry made durable at the first sync. */
    private static final class FileAppendableBlob implements AppendableBlob {
        private final String name;
        private final Path path;
        private final FileChannel channel;
        private long sizeBytes;
        private boolean directorySynced;

        FileAppendableBlob(String name, Path path, FileChannel channel) {
            this.name = name;
            this.path = path;
            this.channel = channel;
        }

        @Override
        public long append(ByteBuffer... buffers) throws IOException {
            long start = sizeBytes;
            ByteBuffer[] views = new ByteBuffer[buffers.length];
            long total = 0;
            for (int i = 0; i < buffers.length; i++) {
                views[i] = buffers[i].duplicate();
                total += views[i].remaining();
            }
            long written = 0;
            while (written < total) {
                // positional gathering writes do not exist: the channel's own position is the end, we own it alone
                written += channel.write(views);
            }
            sizeBytes += total;
            return start;
        }

        @Override
        public void sync() throws IOException {
            channel.force(false);
            if (!directorySynced) {
                syncDirectory(path.getParent());
                directorySynced = true;
            }
        }

        @Override
        public long sizeBytes() {
            return sizeBytes;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A staging file written at positions through one channel. */
    private static final class FileStagingBlob implements StagingBlob {
        private final String name;
        private final FileChannel channel;

        FileStagingBlob(String name, FileChannel channel) {
            this.name = name;
            this.channel = channel;
        }

        @Override
        public void write(long position, ByteBuffer data) throws IOException {
            ByteBuffer view = data.duplicate();
            long at = position;
            while (view.hasRemaining()) {
                at += channel.write(view, at);
            }
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            channel.truncate(sizeBytes);
        }

        @Override
        public void sync() throws IOException {
            channel.force(false);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
