package io.rotabot.ticketing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * The notes' texts, from templates an MSP edits in the configuration ({@code rotabot.ticket-notes}),
 * checked at start-up: a template that uses an unknown placeholder stops Rotabot with its name.
 * Placeholders: {account}, {status}, {reason}, {link}, {time}.
 */
@Component
@EnableConfigurationProperties(TicketNotes.Templates.class)
public class TicketNotes {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Set<String> KNOWN = Set.of("account", "status", "reason", "link", "time");

    private final String title;
    private final Map<TicketNote.Outcome, String> texts = new EnumMap<>(TicketNote.Outcome.class);

    TicketNotes(Templates templates) {
        this.title = templates.title();
        for (TicketNote.Outcome outcome : TicketNote.Outcome.values()) {
            String key = outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String text = templates.templates().get(key);
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("rotabot.ticket-notes.templates." + key + " is missing");
            }
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                if (!KNOWN.contains(placeholders.group(1))) {
                    throw new IllegalStateException("rotabot.ticket-notes.templates." + key + " uses {" + placeholders.group(1)
                            + "}; known are " + KNOWN.stream().sorted().map(p -> "{" + p + "}").toList());
                }
            }
            texts.put(outcome, text);
        }
    }

    /** One note of several accounts' texts, each from its outcome's template, in order. */
    public TicketNote compose(java.util.List<TicketNote.Outcome> outcomes, java.util.List<Map<String, String>> values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            text.append(i == 0 ? "" : "\n\n").append(compose(outcomes.get(i), values.get(i)).text());
        }
        return new TicketNote(title, text.toString());
    }

    /** The note for this outcome, with the values for its placeholders (missing ones become empty). */
    public TicketNote compose(TicketNote.Outcome outcome, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(texts.get(outcome));
        StringBuilder text = new StringBuilder();
        while (placeholders.find()) {
            placeholders.appendReplacement(text, Matcher.quoteReplacement(values.getOrDefault(placeholders.group(1), "")));
        }
        placeholders.appendTail(text);
        return new TicketNote(title, text.toString().strip());
    }

    /**
     * {@code rotabot.ticket-notes.*}.
     *
     * @param title every note's title (Autotask requires one on some ticket categories)
     * @param templates text per outcome: rotated, waiting, not-permitted, refused, failed, not-found, not-matched, unlocked,
     *                  review, declined, not-reviewed
     */
    @Validated
    @ConfigurationProperties("rotabot.ticket-notes")
    record Templates(@NotBlank @Size(max = 250) String title, Map<String, @Size(max = 8000) String> templates) {

        Templates {
            templates = templates == null ? Map.of() : Map.copyOf(templates);
        }
    }
}
