package io.rotabot.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The keyword lists and Autotask values of {@code rules/keywords.yaml}, for the rules as the global
 * {@code keywords}: {@code keywords.any("password")} is the list as a {@code |}-separated phrase set for
 * {@link TicketFacts#mentions(String)}, {@code keywords.listed("password-reset-queues", queueId)} checks a
 * value. Read with a safe YAML loader; a list name the rules ask for and the file lacks is an error.
 */
public final class Keywords {

    static final String FILE = "keywords.yaml";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final int MAX_PHRASES = 2_000;
    private static final Pattern USE = Pattern.compile("keywords\\.(any|listed|union)\\(([^)]*)\\)");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Map<String, String> lists;
    private final Map<String, Set<Integer>> values;
    private final Map<List<String>, String> unions = new ConcurrentHashMap<>();

    private Keywords(Map<String, String> lists, Map<String, Set<Integer>> values) {
        this.lists = lists;
        this.values = values;
    }

    /** The list's phrases joined by {@code |}. */
    public String any(String list) {
        String phrases = lists.get(list);
        if (phrases == null) {
            throw new RuleBaseException(FILE + " has no list '" + list + "'; it has " + lists.keySet());
        }
        return phrases;
    }

    /**
     * The phrases of several lists joined by {@code |}, built once: {@code keywords.union("password", "account")}
     * in a rule file's function (its Java). Each list must exist, as for {@link #any(String)}.
     */
    public String union(String... names) {
        return unions.computeIfAbsent(List.of(names), all -> all.stream().map(this::any).collect(Collectors.joining("|")));
    }

    /** Whether the Autotask value is one of the list's; a ticket without the field is in none. */
    public boolean listed(String list, Integer value) {
        Set<Integer> listed = values.get(list);
        if (listed == null) {
            throw new RuleBaseException(FILE + " has no autotask value list '" + list + "'; it has " + values.keySet());
        }
        return value != null && listed.contains(value);
    }

    /** The problems of a rule file that asks for lists this file lacks, with their lines (a call may span lines). */
    List<RuleBaseException.Problem> missingIn(String file, String drl) {
        List<RuleBaseException.Problem> problems = new ArrayList<>();
        // comment lines are blanked, not removed, so that offsets still give the line
        String code = drl.lines().map(line -> line.strip().startsWith("//") ? "" : line).collect(Collectors.joining("\n"));
        Matcher use = USE.matcher(code);
        while (use.find()) {
            String method = use.group(1);
            Matcher names = QUOTED.matcher(use.group(2));
            while (names.find()) {
                String name = names.group(1);
                boolean known = method.equals("listed") ? values.containsKey(name) : lists.containsKey(name);
                if (!known) {
                    int line = 1 + (int) code.substring(0, use.start(2) + names.start()).chars().filter(c -> c == '\n').count();
                    problems.add(new RuleBaseException.Problem(file, line, "keywords." + method + "(\"" + name + "\"): " + FILE
                            + " has no such " + (method.equals("listed") ? "list under autotask:" : "list under lists:")));
                }
            }
        }
        return problems;
    }

    /** Reads the rules folder's keywords.yaml; errors name the file and, where YAML knows it, the line. */
    static Keywords read(Path rulesDir) {
        Path file = rulesDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new RuleBaseException("No " + FILE + " in " + rulesDir.toAbsolutePath());
        }
        Object root;
        try (InputStream in = Files.newInputStream(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).load(in);
        } catch (MarkedYAMLException e) {
            throw new RuleBaseException(FILE + " line " + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new RuleBaseException(FILE + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new RuleBaseException(FILE + ": expected 'lists:' and 'autotask:' at the top");
        }
        return new Keywords(phraseLists(section(top, "lists")), valueLists(section(top, "autotask")));
    }

    private static Map<?, ?> section(Map<?, ?> top, String name) {
        Object section = top.get(name);
        if (!(section instanceof Map<?, ?> map)) {
            throw new RuleBaseException(FILE + ": '" + name + ":' must be a map of named lists");
        }
        return map;
    }

    private static Map<String, String> phraseLists(Map<?, ?> section) {
        Map<String, String> lists = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : section.entrySet()) {
            String name = name(entry.getKey(), "lists");
            List<?> phrases = list(entry.getValue(), "lists." + name);
            if (phrases.isEmpty() || phrases.size() > MAX_PHRASES) {
                throw new RuleBaseException(FILE + ": lists." + name + " must have 1 to " + MAX_PHRASES + " phrases");
            }
            for (Object phrase : phrases) {
                if (!(phrase instanceof String text) || text.isBlank() || text.contains("|") || text.length() > 100) {
                    throw new RuleBaseException(FILE + ": lists." + name + " holds '" + phrase
                            + "'; phrases are text of 1 to 100 characters without '|'");
                }
            }
            lists.put(name, phrases.stream().map(p -> ((String) p).strip().toLowerCase(Locale.ROOT))
                    .distinct().collect(Collectors.joining("|")));
        }
        return Map.copyOf(lists);
    }

    private static Map<String, Set<Integer>> valueLists(Map<?, ?> section) {
        Map<String, Set<Integer>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : section.entrySet()) {
            String name = name(entry.getKey(), "autotask");
            List<?> listed = list(entry.getValue(), "autotask." + name);
            for (Object value : listed) {
                if (!(value instanceof Integer)) {
                    throw new RuleBaseException(FILE + ": autotask." + name + " holds '" + value
                            + "'; Autotask picklist values are whole numbers");
                }
            }
            values.put(name, listed.stream().map(Integer.class::cast).collect(Collectors.toUnmodifiableSet()));
        }
        return Map.copyOf(values);
    }

    private static String name(Object key, String section) {
        if (!(key instanceof String name) || !NAME.matcher(name).matches()) {
            throw new RuleBaseException(FILE + ": '" + key + "' under " + section + " is not a list name (a-z, 0-9, -)");
        }
        return name;
    }

    private static List<?> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new RuleBaseException(FILE + ": " + where + " must be a list [a, b, …]");
        }
        return list;
    }
}
