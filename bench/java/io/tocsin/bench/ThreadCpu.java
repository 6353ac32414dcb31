package io.tocsin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this process's threads by name, read from {@code /proc/self/task}: unlike JFR or the ThreadMXBean it
 * includes native threads (ONNX runtime's pools, for one). Linux only; elsewhere a snapshot is empty.
 */
final class ThreadCpu {

    private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

    private final Map<String, Long> ticksByTid;
    private final Map<String, String> names;

    private ThreadCpu(Map<String, Long> ticksByTid, Map<String, String> names) {
        this.ticksByTid = ticksByTid;
        this.names = names;
    }

    static ThreadCpu snapshot() {
        var ticks = new HashMap<String, Long>();
        var names = new HashMap<String, String>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (var task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name is in parentheses and may hold spaces; the fields after it are fixed.
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks.put(task.getFileName().toString(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    names.put(task.getFileName().toString(), name.replaceAll("[0-9]+$", "#"));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException notLinux) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(ticks, names);
    }

    /** CPU ms per thread name (numbered pools folded into one) since {@code before}, largest first. */
    String since(ThreadCpu before, int top) {
        var byName = new HashMap<String, Double>();
        ticksByTid.forEach((tid, t) -> byName.merge(names.get(tid),
                (t - before.ticksByTid.getOrDefault(tid, 0L)) * TICK_MS, Double::sum));
        return byName.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .map(e -> e.getKey() + " " + Math.round(e.getValue()) + " ms").collect(Collectors.joining(", "));
    }
}
