package io.rotabot.matching;

import io.rotabot.directory.DirectoryAccount;
import io.rotabot.vault.VaultRecord;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suggestions for N directory accounts × N vault records, N from 5,000 to 50,000: median time, bytes
 * allocated, and heap retained by the result. Run with {@code mvn -Pbench test}; it prints, it asserts nothing.
 */
class SuggestionsBenchmark {

    private static final int[] SIZES = {5_000, 10_000, 20_000, 50_000};
    private static final int RUNS = 7;

    @Test
    void growthFrom5000To50000() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("%nSuggestions benchmark (%d runs each, median):%n", RUNS);
        System.out.printf("  %8s %10s %8s %14s %14s %16s %10s%n", "N", "ms", "x 5k", "allocated MB", "retained MB",
                "peak heap MB", "single");
        double base = 0;
        for (int n : SIZES) {
            List<DirectoryAccount> accounts = accounts(n);
            List<VaultRecord> records = records(n);
            for (int warm = 0; warm < 3; warm++) {
                Suggestions.suggest(accounts, records);
            }
            double[] millis = new double[RUNS];
            long allocated = 0;
            List<Suggestions.Suggestion> result = null;
            for (int run = 0; run < RUNS; run++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                result = Suggestions.suggest(accounts, records);
                millis[run] = (System.nanoTime() - start) / 1e6;
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            long retained = retainedBytes(accounts, records);
            long peak = peakHeapBytes(accounts, records);
            Arrays.sort(millis);
            double median = millis[RUNS / 2];
            base = base == 0 ? median : base;
            long singles = result.stream().filter(Suggestions.Suggestion::single).count();
            System.out.printf("  %8d %10.1f %8.1f %14.1f %14.1f %16.1f %10d%n", n, median, median / base, allocated / 1e6,
                    retained / 1e6, peak / 1e6, singles);
        }
        System.out.println();
    }

    private static long retainedBytes(List<DirectoryAccount> accounts, List<VaultRecord> records) {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = runtime.totalMemory() - runtime.freeMemory();
        List<Suggestions.Suggestion> held = Suggestions.suggest(accounts, records);
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        return held.isEmpty() ? 0 : Math.max(0, after - before);
    }

    /** The heap's high-water mark during one run, inputs included, from the memory pools' peak usage. */
    private static long peakHeapBytes(List<DirectoryAccount> accounts, List<VaultRecord> records) {
        System.gc();
        List<java.lang.management.MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        heap.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        Suggestions.suggest(accounts, records);
        return heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** Two domains; every tenth user exists in both. */
    private static List<DirectoryAccount> accounts(int n) {
        List<DirectoryAccount> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean lab = i % 10 == 9;
            String sam = "user" + (lab ? i - 1 : i);
            String domain = lab ? "LAB" : "CORP";
            accounts.add(SuggestionsTest.ad("acc-" + i, sam, domain, sam + "@" + domain.toLowerCase() + ".example.com"));
        }
        return accounts;
    }

    /** Written in every way people write them, some archived, some for nobody. */
    private static List<VaultRecord> records(int n) {
        List<VaultRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String username = switch (i % 4) {
                case 0 -> "CORP\\user" + i;
                case 1 -> "user" + i + "@corp.example.com";
                case 2 -> "User" + i;
                default -> "service-" + i;
            };
            records.add(SuggestionsTest.record("rec-" + i, username, i % 20 == 0));
        }
        return records;
    }
}
