package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * CPU time for the benchmark: this JVM's, and a local PostgreSQL server's as Linux counts it in {@code /proc} (the
 * sum over the postmaster's children alive when asked; 0 where there is no {@code /proc}).
 */
final class ProcessCpu {
    private static final Path PROC = Path.of("/proc");
    /** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every common configuration). */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The PostgreSQL server behind a Jdbi, found through one of its backends. */
    static final class ServerCpu {
        private final long postmaster;

        ServerCpu(Jdbi jdbi) {
            long backend = jdbi.withHandle(handle -> handle.createQuery("SELECT pg_backend_pid()")
                    .mapTo(Long.class).one());
            this.postmaster = Files.isDirectory(PROC) ? stat(backend).get(1) : -1;
        }

        long nanos() {
            if (postmaster < 0) {
                return 0;
            }
            long ticks = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
                for (Path process : processes) {
                    List<Long> stat = stat(Long.parseLong(process.getFileName().toString()));
                    if (stat != null && stat.get(1) == postmaster) {
                        ticks += stat.get(2) + stat.get(3);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        }

        /** pid, parent pid, user and system ticks of a process; null if it has gone. */
        private static List<Long> stat(long pid) {
            String text;
            try {
                text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            } catch (IOException e) {
                return null;
            }
            // the command name in parentheses may hold spaces: fields are counted after its closing parenthesis
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return List.of(pid, Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]));
        }
    }
}
