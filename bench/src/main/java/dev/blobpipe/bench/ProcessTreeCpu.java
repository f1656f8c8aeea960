package dev.blobpipe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU seconds spent so far by some processes and all their descendants, from Linux's /proc/PID/stat: user and system
 * time, plus that of reaped children (a PostgreSQL backend that ended moves its time into the postmaster's), in
 * clock ticks. Sampled before and after a workload, the difference is what the workload cost the server.
 */
final class ProcessTreeCpu {
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessTreeCpu() {
    }

    static double seconds(List<Long> roots) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException e) {
                    continue; // the process ended while we walked
                }
                // fields after the command, which is in parentheses and may hold spaces: state ppid ... (see proc(5))
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(name);
                children.computeIfAbsent(Long.parseLong(fields[1]), parent -> new ArrayList<>()).add(pid);
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]));
            }
        }
        long total = 0;
        var seen = new HashSet<Long>();
        var pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            long pid = pending.pop();
            if (seen.add(pid)) {
                total += ticks.getOrDefault(pid, 0L);
                pending.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        return (double) total / TICKS_PER_SECOND;
    }

    /** Clock ticks, as /proc counts CPU time, in seconds. */
    static double seconds(long ticks) {
        return (double) ticks / TICKS_PER_SECOND;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream out = getconf.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
                if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                    return Long.parseLong(text);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to Linux's USER_HZ, which is 100 on every common architecture
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
