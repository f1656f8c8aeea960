package dev.blobpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU seconds this JVM, the comparison's client, has spent so far, less what its JIT compiler threads spent:
 * compiling is a one-off that lands on whichever server runs first (it was half the light client's CPU against
 * blobpipe here), and the figure is meant to be a client's steady cost per request. From Linux's /proc/self: user and
 * system time of the process (not of its children, which are the servers) and of each {@code C1/C2 CompilerThre}
 * thread. A compiler thread that ends (the JVM retires idle ones) leaves its time in the process's: a small overcount.
 */
final class ClientCpu {
    private ClientCpu() {
    }

    static double seconds() throws IOException {
        long ticks = ticks(Files.readString(Path.of("/proc/self/stat")));
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String name;
                String stat;
                try {
                    name = Files.readString(thread.resolve("comm"));
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    // the thread ended while we walked: a compiler thread's time then counts as the client's
                    continue;
                }
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    ticks -= ticks(stat);
                }
            }
        }
        return ProcessTreeCpu.seconds(ticks);
    }

    /** utime + stime, the fields after the command in parentheses (which may hold spaces; see proc(5)). */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
