package io.rotabot.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules may look at in a ticket: its text, its Autotask classification and its requester.
 * Rule files call {@link #mentions(String)} with a {@code |}-separated list of words or phrases,
 * matched case-insensitively as whole words, and {@link #targets(String)} for the accounts the text
 * names besides the requester's.
 */
public final class TicketFacts {

    /** Longer text is cut: rules read requests, not attachments pasted into a ticket. */
    static final int MAX_TEXT = 20_000;
    private static final Map<String, Pattern> PHRASES = new ConcurrentHashMap<>();
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]{1,64}@[\\p{L}\\p{N}.-]{1,253}\\.[\\p{L}]{2,24}");
    private static final Pattern DOMAIN_USER = Pattern.compile("(?<![\\p{L}\\p{N}\\\\])[A-Za-z][A-Za-z0-9-]{0,14}\\\\[\\p{L}\\p{N}._-]{1,64}");
    /** "username jdoe" or "user: jdoe"; the short labels only with a colon, as "login page" is no user. */
    private static final Pattern LABELLED_USER = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:"
            + "(?:user ?name|logon name|benutzername|nom d'utilisateur|gebruikersnaam|nombre de usuario)\\s*[:=]?"
            + "|(?:user|user id|login|benutzer|identifiant|usuario|gebruiker|account)\\s*[:=])"
            + "\\s*([\\p{L}\\p{N}][\\p{L}\\p{N}._-]{1,63})");
    private static final Map<String, Pattern> PEOPLE = new ConcurrentHashMap<>();
    private static final Set<String> NOT_NAMES = Set.of("the", "my", "our", "a", "an", "me", "him", "her", "them", "us",
            "this", "that", "mein", "meine", "den", "die", "das", "mon", "ma", "mes", "le", "la", "les", "mi", "el", "los",
            "mijn", "de", "het", "onze", "your", "his", "their", "all", "any", "every", "some", "everyone", "new",
            "ihre", "ihr", "sein", "seine", "unser", "unsere", "votre", "vos", "su", "sus", "uw", "jouw", "today", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday",
            "microsoft", "windows", "office", "outlook", "teams", "the new", "sign", "login", "password", "help",
            "is", "ist", "est", "es", "was");

    private final String title;
    private final String description;
    private final String text;
    private final Integer issueType;
    private final Integer subIssueType;
    private final Integer queueId;
    private final Integer source;
    private final String requesterName;
    private final String requesterEmail;
    private final String company;
    private final Map<String, List<Target>> targets = new ConcurrentHashMap<>();

    /**
     * @param issueType, subIssueType, queueId, source Autotask picklist values, null when the ticket has none
     */
    public TicketFacts(String title, String description, Integer issueType, Integer subIssueType, Integer queueId,
                       Integer source, String requesterName, String requesterEmail, String company) {
        this.title = cut(title);
        this.description = cut(description);
        this.text = (this.title + "\n" + this.description).toLowerCase(Locale.ROOT);
        this.issueType = issueType;
        this.subIssueType = subIssueType;
        this.queueId = queueId;
        this.source = source;
        this.requesterName = requesterName == null ? "" : requesterName.strip();
        this.requesterEmail = requesterEmail == null ? "" : requesterEmail.strip().toLowerCase(Locale.ROOT);
        this.company = company == null ? "" : company.strip();
    }

    /** A ticket known by its text only. */
    public TicketFacts(String title, String description) {
        this(title, description, null, null, null, null, "", "", "");
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public Integer getIssueType() {
        return issueType;
    }

    public Integer getSubIssueType() {
        return subIssueType;
    }

    public Integer getQueueId() {
        return queueId;
    }

    public Integer getSource() {
        return source;
    }

    public String getRequesterName() {
        return requesterName;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public String getCompany() {
        return company;
    }

    /** Whether the title or description contains any of the {@code |}-separated phrases as whole words. */
    public boolean mentions(String phrases) {
        return PHRASES.computeIfAbsent(phrases, TicketFacts::compile).matcher(text).find();
    }

    /**
     * The accounts the text names other than the requester's: addresses and UPNs, {@code DOMAIN\\user},
     * labelled user names ("username: jdoe"), and people after one of the prepositions ("for Jane Doe").
     */
    public List<Target> targets(String prepositions) {
        return targets.computeIfAbsent(prepositions, this::extract);
    }

    private List<Target> extract(String prepositions) {
        String both = title + "\n" + description;
        Set<Target> found = new LinkedHashSet<>();
        Matcher addresses = ADDRESS.matcher(both);
        while (addresses.find()) {
            String address = addresses.group().toLowerCase(Locale.ROOT);
            if (!address.equals(requesterEmail)) {
                found.add(new Target("email", address));
            }
        }
        Matcher domainUsers = DOMAIN_USER.matcher(both);
        while (domainUsers.find()) {
            found.add(new Target("logon-name", domainUsers.group().replaceAll("[._-]+$", "")));
        }
        Matcher labelled = LABELLED_USER.matcher(both);
        while (labelled.find()) {
            String name = labelled.group(1).replaceAll("[._-]+$", "");
            if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT)) && !requesterEmail.startsWith(name.toLowerCase(Locale.ROOT) + "@")
                    && found.stream().noneMatch(t -> t.value().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))) {
                found.add(new Target("logon-name", name));
            }
        }
        Matcher people = PEOPLE.computeIfAbsent(prepositions, p -> Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
                + String.join("|", quoted(p)) + ")\\s+(?:\\p{Ll}+\\s+){0,2}(\\p{Lu}\\p{Ll}+(?:[ -](?:van der |van |de |von )?\\p{Lu}\\p{Ll}+){1,2})"))
                .matcher(both);
        while (people.find()) {
            String person = people.group(1);
            String first = person.split("[ -]")[0].toLowerCase(Locale.ROOT);
            if (!NOT_NAMES.contains(first) && !person.equalsIgnoreCase(requesterName)) {
                found.add(new Target("person", person));
            }
        }
        return List.copyOf(found);
    }

    private static List<String> quoted(String phrases) {
        List<String> alternatives = new ArrayList<>();
        for (String phrase : phrases.split("\\|")) {
            alternatives.add("(?iu:" + Pattern.quote(phrase.strip()) + ")");
        }
        return alternatives;
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

    private static String cut(String value) {
        String text = value == null ? "" : value;
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
