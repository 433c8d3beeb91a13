package io.rotabot.classify;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the rules may look at in a ticket. Rule files call {@link #mentions(String)} with a
 * {@code |}-separated list of words or phrases, matched case-insensitively as whole words.
 */
public final class TicketFacts {

    private static final Map<String, Pattern> PHRASES = new ConcurrentHashMap<>();

    private final String title;
    private final String description;
    private final String text;

    public TicketFacts(String title, String description) {
        this.title = title == null ? "" : title;
        this.description = description == null ? "" : description;
        this.text = (this.title + "\n" + this.description).toLowerCase(Locale.ROOT);
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    /** Whether the title or description contains any of the {@code |}-separated phrases as whole words. */
    public boolean mentions(String phrases) {
        return PHRASES.computeIfAbsent(phrases, TicketFacts::compile).matcher(text).find();
    }

    private static Pattern compile(String phrases) {
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        String[] alternatives = phrases.toLowerCase(Locale.ROOT).split("\\|");
        for (int i = 0; i < alternatives.length; i++) {
            if (i > 0) {
                regex.append('|');
            }
            regex.append(Pattern.quote(alternatives[i].strip()).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(regex.append(")(?![\\p{L}\\p{N}])").toString(), Pattern.UNICODE_CASE);
    }
}
