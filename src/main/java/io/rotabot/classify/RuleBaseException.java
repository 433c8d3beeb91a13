package io.rotabot.classify;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder cannot become a rule base; each problem names its file and line where known. */
public class RuleBaseException extends RuntimeException {

    private final List<Problem> problems;

    public RuleBaseException(String message) {
        this(message, List.of());
    }

    public RuleBaseException(String message, List<Problem> problems) {
        super(problems.isEmpty() ? message : message + ":\n" + problems.stream()
                .map(p -> "  " + p.file() + " line " + p.line() + ": " + p.message()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /**
     * @param file the rule file
     * @param line the line, 0 when unknown
     * @param message what is wrong
     */
    public record Problem(String file, int line, String message) {
    }
}
