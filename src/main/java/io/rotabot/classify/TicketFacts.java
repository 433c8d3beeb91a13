package io.rotabot.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules may look at in a ticket: its text, its Autotask classification and its requester. The
 * description is read as {@link RequestText}: quoted history, signatures and disclaimers are set aside, so
 * {@link #mentions(String)} and the other questions see the requester's new words only ({@link
 * #mentionsAnywhere(String)} also sees what was set aside). Rule files pass the words to look for as a
 * {@code |}-separated list from keywords.yaml, matched case-insensitively as whole words.
 *
 * <p>Besides words, the rules ask where a password word stands: next to a name that is not the company
 * sign-in ({@link #namesSystemBeside}), after "for/of/on…" ({@link #namesSystemAfter}), after "log in to…"
 * ({@link #namesSystemSignedInTo}); whether the text holds a web address; whether it holds nothing but
 * known words ({@link #onlyWords}); and which accounts it names ({@link #targets(String)}). Every question
 * reads the text once, token by token or with patterns of bounded length, so hostile text costs time in
 * proportion to its length.
 */
public final class TicketFacts {

    /** Longer text is cut: rules read requests, not attachments pasted into a ticket. */
    static final int MAX_TEXT = 20_000;
    private static final Map<String, Phrases> PHRASES = new ConcurrentHashMap<>();
    private static final Map<String, Vocabulary> VOCABULARIES = new ConcurrentHashMap<>();
    private static final Pattern ADDRESS = Pattern.compile("[\\p{L}\\p{N}._%+'-]{1,64}@[\\p{L}\\p{N}.-]{1,253}\\.[\\p{L}]{2,24}");
    private static final Pattern DOMAIN_USER = Pattern.compile("(?<![\\p{L}\\p{N}\\\\])[A-Za-z][A-Za-z0-9-]{0,14}\\\\[\\p{L}\\p{N}._-]{1,64}");
    /** "username jdoe" or "user: jdoe"; the short labels only with a colon, as "login page" is no user. */
    private static final Pattern LABELLED_USER = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:"
            + "(?:user ?name|logon name|login name|benutzername|anmeldename|nom d'utilisateur|identifiant|gebruikersnaam|nombre de usuario)\\s{0,3}[:=]?"
            + "|(?:user|user id|login|benutzer|usuario|gebruiker|account|konto|compte|cuenta)\\s{0,3}[:=])"
            + "\\s{0,3}([\\p{L}\\p{N}][\\p{L}\\p{N}._-]{1,63})");
    /** "svc_backup", "adm-aanders", "admin.jane": an administrator's or a service's user name, named as it is. */
    private static final Pattern SERVICE_USER = Pattern.compile(
            "(?<![\\p{L}\\p{N}@.\\\\_-])(?i:svc|adm|admin|sa)[._-][\\p{L}\\p{N}][\\p{L}\\p{N}._-]{1,40}(?![\\p{L}\\p{N}@_-])");
    /** "For user: Ben Carter", "Mitarbeiter: Max Mustermann": a person's name in a form's field for the user. */
    private static final Pattern LABELLED_PERSON = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:for user|user|account|employee|benutzer"
            + "|mitarbeiter|mitarbeiterin|utilisateur|collaborateur|usuario|empleado|gebruiker|medewerker)\\s{0,3}:\\s{0,3}"
            + "(?-i:(\\p{Lu}\\p{Ll}{1,40}(?: (?:van der |van |de |von )?\\p{Lu}\\p{Ll}{1,40}){1,2}))");
    /** "for user jdoe": a user name in lower case after "for user". */
    private static final Pattern USER_AFTER_FOR = Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:for|für|pour|para|voor|of|von|de|van)"
            + " {1,3}(?:the |den |l'|el |de )?(?:user|benutzer|utilisateur|usuario|gebruiker) {1,3}(?-i:([a-z][a-z0-9._-]{1,40}))(?![\\p{L}\\p{N}@])");
    /** A name written with a title: "M. Dupont", "Frau Müller", "el Sr. García", "Mr Smith", "mevrouw De Vries". */
    private static final Pattern TITLED_PERSON = Pattern.compile("(?<![\\p{L}\\p{N}.])((?:M\\.|Mme\\.?|Mlle\\.?|Monsieur|Madame|Herrn?|Frau"
            + "|Sr\\.|Sra\\.|Srta\\.|Señor|Señora|Mr\\.?|Mrs\\.?|Ms\\.?|Dhr\\.|Mevr\\.|[Mm]evrouw|[Mm]eneer|[Dd]e heer)"
            + " {1,3}(?:van der |van |de |von )?\\p{Lu}[\\p{L}'-]{1,40}(?: \\p{Lu}[\\p{L}'-]{1,40})?)");
    /** "Jane Roe (jroe)": a person with the user name in brackets. */
    private static final Pattern PERSON_WITH_USER = Pattern.compile(
            "(\\p{Lu}\\p{Ll}{1,40}(?:[ -](?:van der |van |de |von )?\\p{Lu}\\p{Ll}{1,40}){1,2}) {0,3}\\(([\\p{L}\\p{N}._-]{2,40})\\)");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*•·–]|\\d{1,2}[.)])\\s{0,5}(.{1,120})$");
    private static final Pattern NAME_LINE = Pattern.compile(
            "^(\\p{Lu}\\p{Ll}{1,40}(?:[ -](?:van der |van |de |von )?\\p{Lu}\\p{Ll}{1,40}){1,2})(?:\\s{0,3}[,(<:-].{0,80})?$");
    private static final Pattern USER_NAME_LINE = Pattern.compile("^([a-z][a-z0-9._-]{1,40})$");
    private static final Pattern WEB_ADDRESS = Pattern.compile("(?iu)(?:https?://|(?<![\\p{L}\\p{N}@.-])(?=www\\.))([\\p{L}\\p{N}.-]{1,253})"
            + "|(?<![\\p{L}\\p{N}@.\\\\-])([a-z0-9-]{2,63}\\.(?:[a-z0-9-]{2,63}\\.)?(?:com|net|org|io|de|fr|es|nl|be|ch|at|eu|uk|co|app"
            + "|info|biz|cloud|online|shop|gov|edu|us|it))(?![\\p{L}\\p{N}@-])");
    private static final Set<String> NOT_NAMES = Set.of("confirmed", "verified", "checked", "the", "my", "our", "a", "an", "me", "him", "her", "them", "us",
            "this", "that", "mein", "meine", "den", "die", "das", "mon", "ma", "mes", "le", "la", "les", "mi", "el", "los",
            "mijn", "de", "het", "onze", "your", "his", "their", "all", "any", "every", "some", "everyone", "new",
            "ihre", "ihr", "sein", "seine", "unser", "unsere", "votre", "vos", "su", "sus", "uw", "jouw", "today", "tomorrow",
            "monday", "tuesday", "wednesday", "thursday", "friday", "microsoft", "windows", "office", "outlook", "teams",
            "the new", "sign", "login", "password", "help", "is", "ist", "est", "es", "was", "thanks", "thank", "hello", "hi",
            "dear", "please", "bitte", "merci", "gracias", "bedankt", "kind", "best", "regards", "mit", "viele", "bonjour",
            "hallo", "hola", "goedemorgen", "vpn", "it", "pc", "user", "users", "passwort", "reset",
            // "The user name or password is incorrect": words of a sign-in prompt after a label, no user's name
            "or", "and", "oder", "und", "ou", "et", "of", "en", "y", "o", "are", "incorrect", "wrong", "invalid", "falsch");
    /** The prefixes mail clients give the subject of an answer or a forwarded mail. */
    private static final Pattern REPLY = Pattern.compile("(?iu)\\s{0,3}(?:\\[[^\\]]{0,40}\\]\\s{0,3})?(?:re|aw|antw|antwort|tr|rv|sv|vs|wg|fw|fwd|r|réf)\\s{0,2}:");
    private static final Set<String> ME = Set.of("me", "moi", "ich", "mich", "yo", "mí", "mi", "ik", "mij", "myself", "self");

    private final String title;
    private final String description;
    private final RequestText request;
    private final String original;
    private final String text;
    private final String anywhere;
    private final String setAside;
    private final Integer issueType;
    private final Integer subIssueType;
    private final Integer queueId;
    private final Integer source;
    private final String requesterName;
    private final String requesterEmail;
    private final String company;
    /** Whether this is the new matter a reply turned to ({@link #newMatter}): the title and what came before are set aside. */
    private final boolean newMatterOnly;
    private final Map<List<String>, List<Target>> targets = new ConcurrentHashMap<>();
    /** Answers already given: rules ask the same question of a ticket more than once. */
    private final Map<List<Object>, Object> answers = new ConcurrentHashMap<>();
    private List<Token> tokens;
    private Words words;
    private Words wordsAnywhere;
    private Words wordsSetAside;
    private Set<String> requesterWords;

    /**
     * @param issueType, subIssueType, queueId, source Autotask picklist values, null when the ticket has none
     */
    public TicketFacts(String title, String description, Integer issueType, Integer subIssueType, Integer queueId,
                       Integer source, String requesterName, String requesterEmail, String company) {
        this(cut(title), cut(description), RequestText.of(cut(description)).signedBy(requesterName), issueType, subIssueType, queueId, source, requesterName,
                requesterEmail, company, false);
    }

    private TicketFacts(String title, String description, RequestText request, Integer issueType, Integer subIssueType,
                        Integer queueId, Integer source, String requesterName, String requesterEmail, String company,
                        boolean newMatterOnly) {
        this.title = title;
        this.description = description;
        this.request = request;
        this.newMatterOnly = newMatterOnly;
        this.original = this.title + "\n" + request.request();
        this.text = informal(original.toLowerCase(Locale.ROOT));
        this.anywhere = informal((this.title + "\n" + this.description).toLowerCase(Locale.ROOT));
        this.setAside = informal(request.setAside().toLowerCase(Locale.ROOT));
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

    /** The description as written, quoted history and signature included. */
    public String getDescription() {
        return description;
    }

    /** The description as the rules read it: the requester's new text. */
    public String getRequest() {
        return request.request();
    }

    /** Whether quoted history, a signature or a disclaimer was set aside before the rules read the text. */
    public boolean isSetAside() {
        return request.cut();
    }

    /** Whether quoted history or a forwarded message (not only a signature) was set aside. */
    public boolean isQuoted() {
        return request.quotes();
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

    /** Whether the ticket answers or forwards an earlier mail: "RE:", "AW:", "TR:"… in the title, or quoted history below. */
    public boolean isReply() {
        return REPLY.matcher(title).lookingAt() || request.quotes();
    }

    /** Whether these facts are the new matter a reply turned to, the title and what came before set aside. */
    public boolean isNewMatterOnly() {
        return newMatterOnly;
    }

    /**
     * Whether a reply turns, in the requester's text, to a new matter with one of these phrases ("another thing",
     * "unrelated, but", "Autre chose :", "Nog iets anders:", "now it's me"): what came before (thanks for the
     * earlier help) and the title (the earlier subject, "RE: printer") are about the earlier matter.
     */
    public boolean turnsToNewMatter(String markers) {
        return !newMatterOnly && isReply() && newMatterStart(markers) >= 0;
    }

    /**
     * The facts of the new matter a reply turned to ({@link #turnsToNewMatter}): no title, the requester's text from
     * the sentence that holds the first of the phrases on; what came before is set aside with the quoted history.
     * These facts themselves, if the reply turns to no new matter.
     */
    public TicketFacts newMatter(String markers) {
        int from = turnsToNewMatter(markers) ? newMatterStart(markers) : -1;
        if (from < 0) {
            return this;
        }
        String text = request.request();
        String before = text.substring(0, from).strip();
        String aside = before.isEmpty() ? request.setAside() : before + "\n" + request.setAside();
        return new TicketFacts("", description, new RequestText(text.substring(from).strip(), aside.strip(), request.quotes()), issueType,
                subIssueType, queueId, source, requesterName, requesterEmail, company, true);
    }

    /** Where, in the requester's text as written, the sentence with the first phrase starts; -1 if none is there. */
    private int newMatterStart(String markers) {
        String text = request.request();
        Words own = Words.of(text.toLowerCase(Locale.ROOT));
        Phrases phrases = phrases(markers);
        for (int i = 0; i < own.word().length; i++) {
            if (phrases.endAt(own, i) > i) {
                // the sentence ends before it, counted in the lower-case text and found again in the text as written
                int breaks = 0;
                for (int c = 0; c < own.start()[i]; c++) {
                    breaks += ".!?;\n".indexOf(own.text().charAt(c)) >= 0 ? 1 : 0;
                }
                int at = 0;
                for (int c = 0; c < text.length() && breaks > 0; c++) {
                    if (".!?;\n".indexOf(text.charAt(c)) >= 0 && --breaks == 0) {
                        at = c + 1;
                    }
                }
                return at;
            }
        }
        return -1;
    }

    /**
     * The name the requester's text is signed with, when it is not the requester's: the line after a closing
     * ("Thanks,\nTom Baker (using Alice's PC)") or the name on it ("Thanks, Tom"), of one to three capitalised words
     * none of which is known, sharing no word with the requester's name or address. Empty when the requester is
     * unknown, the text is unsigned or signed by the requester.
     *
     * @param known words that are no person's name ("Team", "Finance", "Reception")
     */
    public String signedByAnother(String known) {
        return remembered("signedByAnother", () -> signedByAnotherNow(known), known);
    }

    private String signedByAnotherNow(String known) {
        if (requesterName.isEmpty() && requesterEmail.isEmpty()) {
            return "";
        }
        String name = RequestText.signedName(request.setAside());
        if (name.isEmpty()) {
            return "";
        }
        Vocabulary knownWords = vocabulary(known);
        List<Token> words = tokenize(name);
        for (Token word : words) {
            if (knownWords.known(word.lower) || requesterWords().contains(word.lower)
                    || requesterWords().contains(plain(word.lower))) {
                return "";
            }
        }
        return name;
    }

    /**
     * A name on the line before a job title ("Ben Carter" above "Design Engineer"), or before one after a bar ("Ben
     * Carter | Buyer | ACME Ltd"), at the end of the requester's text or the start of what was set aside, that is not
     * the requester's: a signature of someone else even without a closing; empty if there is none.
     *
     * @param titles words of job titles and departments ("Engineer", "Sales", "Manager"): a line of only these is a title
     */
    public String signedWithTitleByAnother(String titles) {
        return remembered("signedWithTitleByAnother", () -> signedWithTitleByAnotherNow(titles), titles);
    }

    private static final Pattern SIGNATURE_NAME = Pattern.compile("\\p{Lu}\\p{Ll}{1,30}(?: \\p{Lu}\\p{Ll}{1,30}){0,2}");

    private String signedWithTitleByAnotherNow(String titles) {
        if (requesterName.isEmpty() && requesterEmail.isEmpty()) {
            return "";
        }
        Vocabulary titleWords = vocabulary(titles);
        String[] setAside = request.setAside().strip().split("\\R", 9);
        List<String> lines = new ArrayList<>(List.of(request.request().split("\\R")));
        lines.addAll(List.of(setAside).subList(0, Math.min(8, setAside.length)));
        String previous = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s*\\|\\s*");
            if (parts.length > 1 && onlyTitles(parts[1], titleWords) && anotherName(parts[0].strip(), titleWords)) {
                return parts[0].strip();
            }
            if (onlyTitles(line, titleWords) && anotherName(previous, titleWords)) {
                return previous;
            }
            previous = line;
        }
        return "";
    }

    private static boolean onlyTitles(String line, Vocabulary titleWords) {
        String[] words = line.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        int found = 0;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (!titleWords.known(word)) {
                return false;
            }
            found++;
        }
        return found > 0 && found <= 5;
    }

    private boolean anotherName(String line, Vocabulary titleWords) {
        if (!SIGNATURE_NAME.matcher(line).matches()) {
            return false;
        }
        boolean allTitles = true;
        for (String word : line.toLowerCase(Locale.ROOT).split(" ")) {
            if (requesterWords().contains(word) || requesterWords().contains(plain(word))) {
                return false;
            }
            allTitles &= titleWords.known(word);
        }
        return !allTitles;
    }

    /** "jürgen" → "jurgen": a name written without its accents is the same name. */
    private static String plain(String word) {
        return java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    @SuppressWarnings("unchecked")
    private <T> T remembered(String question, java.util.function.Supplier<T> answer, Object... arguments) {
        List<Object> key = new ArrayList<>(arguments.length + 1);
        key.add(question);
        key.addAll(java.util.Arrays.asList(arguments));
        Object known = answers.get(key);
        if (known == null) {
            known = answer.get();
            answers.put(key, known);
        }
        return (T) known;
    }

    /** Whether the title or the requester's text contains any of the {@code |}-separated phrases as whole words. */
    public boolean mentions(String phrases) {
        if (words == null) {
            words = Words.of(text);
        }
        return phrases(phrases).foundIn(words);
    }

    /**
     * Whether a word of the title or the requester's text begins with one of the {@code |}-separated stems: "desbloque"
     * finds "desbloqueáis", "desbloquéamela" — the many forms of a verb a list cannot hold.
     */
    public boolean mentionsWordStartingWith(String stems) {
        return remembered("mentionsWordStartingWith", () -> {
            String[] starts = stems.toLowerCase(Locale.ROOT).split("\\|");
            for (String word : words().word()) {
                for (String start : starts) {
                    if (!start.isBlank() && word.startsWith(start.strip())) {
                        return true;
                    }
                }
            }
            return false;
        }, stems);
    }

    /**
     * Like {@link #mentions}, but only where no negation stands within three words before the phrase, or after
     * it (languages that negate at the end), in its sentence: "I know my password" counts, "I don't know my
     * password", "no recuerdo mi contraseña" and "ich kenne mein Passwort nicht mehr" do not.
     */
    public boolean mentionsAffirmed(String phrases, String negationsBefore, String negationsAfter) {
        return remembered("mentionsAffirmed", () -> mentionsAffirmedNow(phrases, negationsBefore, negationsAfter), phrases, negationsBefore, negationsAfter);
    }

    private boolean mentionsAffirmedNow(String phrases, String negationsBefore, String negationsAfter) {
        if (words == null) {
            words = Words.of(text);
        }
        return phrases(phrases).foundAffirmedIn(words, vocabulary(negationsBefore), vocabulary(negationsAfter));
    }

    /**
     * Like {@link #mentions}, but a phrase found only inside one of the exceptions does not count: "app" counts in
     * "the booking app", not in "the mail app on my phone" when "mail app" is an exception.
     */
    public boolean mentionsExcept(String phrases, String exceptions) {
        return remembered("mentionsExcept", () -> mentionsExceptNow(phrases, exceptions), phrases, exceptions);
    }

    private boolean mentionsExceptNow(String phrases, String exceptions) {
        Words all = words();
        Phrases found = phrases(phrases);
        Phrases except = phrases(exceptions);
        int n = all.word().length;
        // how far the exceptions reach from each word: a running maximum, so the text is read once
        int[] coveredUntil = new int[n + 1];
        int reach = 0;
        for (int i = 0; i < n; i++) {
            reach = Math.max(reach, except.endAt(all, i));
            coveredUntil[i] = reach;
        }
        for (int i = 0; i < n; i++) {
            int end = found.endAt(all, i);
            if (end > i && coveredUntil[i] < end) {
                return true;
            }
        }
        return found.others != null && found.others.matcher(all.text()).find();
    }

    /**
     * Like {@link #mentions}, but a phrase that one of the explanations holds somewhere in the text ("the office Wi-Fi
     * asks for my Windows password") does not count, there or anywhere else (the title "Wi-Fi"): the text has said
     * what it is.
     */
    public boolean mentionsUnexplained(String phrases, String explanations) {
        return remembered("mentionsUnexplained", () -> mentionsUnexplainedNow(phrases, explanations), phrases, explanations);
    }

    private boolean mentionsUnexplainedNow(String phrases, String explanations) {
        Words all = words();
        Phrases found = phrases(phrases);
        Phrases explaining = phrases(explanations);
        int n = all.word().length;
        int[] coveredUntil = new int[n + 1];
        int reach = 0;
        for (int i = 0; i < n; i++) {
            reach = Math.max(reach, explaining.endAt(all, i));
            coveredUntil[i] = reach;
        }
        Set<String> explained = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int end = found.endAt(all, i);
            if (end > i && coveredUntil[i] >= end) {
                explained.add(String.join(" ", java.util.Arrays.asList(all.word()).subList(i, end)));
            }
        }
        for (int i = 0; i < n; i++) {
            int end = found.endAt(all, i);
            if (end > i && !explained.contains(String.join(" ", java.util.Arrays.asList(all.word()).subList(i, end)))) {
                return true;
            }
        }
        return found.others != null && found.others.matcher(all.text()).find();
    }

    /**
     * Whether a word ends in one of the list's words of six letters or more, as languages that join words write a
     * password word: "Anmeldepasswort", "Druckerkennwort", "inlogwachtwoord" (the word itself counts too).
     */
    public boolean mentionsCompound(String phrases) {
        return remembered("mentionsCompound", () -> mentionsCompoundNow(phrases), phrases);
    }

    private boolean mentionsCompoundNow(String phrases) {
        if (mentions(phrases)) {
            return true;
        }
        Vocabulary words = vocabulary(phrases);
        for (Token token : tokens()) {
            if (words.compoundPrefix(token.lower) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a phrase of the first list and one of the second stand together, in either order, with at most
     * {@code gap} words between them in one sentence, and no negation within three words before the first of
     * them, between them, or within three words after the second: "I do know my current password", "Das Passwort
     * kenne ich", "je connais bien mon mot de passe", "pw is right" — not "I don't know my password", "je ne
     * connais pas mon mot de passe", "ich kenne das Passwort nicht mehr".
     */
    public boolean mentionsNear(String first, String second, int gap, String negationsBefore, String negationsAfter) {
        return remembered("mentionsNear", () -> mentionsNearNow(first, second, gap, negationsBefore, negationsAfter), first, second, gap, negationsBefore, negationsAfter);
    }

    private boolean mentionsNearNow(String first, String second, int gap, String negationsBefore, String negationsAfter) {
        Words all = words();
        Phrases one = phrases(first);
        Phrases other = phrases(second);
        Vocabulary before = vocabulary(negationsBefore);
        Vocabulary after = vocabulary(negationsAfter);
        int n = all.word().length;
        int[] otherEnd = new int[n];
        int[] otherStartEndingAt = new int[n + 1];
        java.util.Arrays.fill(otherStartEndingAt, -1);
        for (int i = 0; i < n; i++) {
            otherEnd[i] = other.endAt(all, i);
            if (otherEnd[i] > i && otherStartEndingAt[otherEnd[i]] < 0) {
                otherStartEndingAt[otherEnd[i]] = i;
            }
        }
        for (int i = 0; i < n; i++) {
            int end = one.endAt(all, i);
            if (end <= i) {
                continue;
            }
            // the other after this one: it starts within gap words of this one's end
            for (int k = end; k < n && k <= end + gap && (k == end || !Phrases.sentenceBetween(all, k - 1, k)); k++) {
                if (otherEnd[k] > k && affirmed(all, i, end, k, otherEnd[k], before, after)) {
                    return true;
                }
            }
            // the other before this one: it ends within gap words of this one's start
            for (int k = i; k >= 1 && k >= i - gap && (k == i || !Phrases.sentenceBetween(all, k - 1, k)); k--) {
                int start = otherStartEndingAt[k];
                if (start >= 0 && affirmed(all, start, k, i, end, before, after)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No negation before [from, to), between it and [next, last), or after it, in the sentence. */
    private static boolean affirmed(Words all, int from, int to, int next, int last, Vocabulary before, Vocabulary after) {
        if (Phrases.negated(all, from, last, before, after)) {
            return false;
        }
        for (int k = to; k < next; k++) {
            if (before.known(all.word()[k])) {
                return false;
            }
        }
        return true;
    }

    private Words words() {
        if (words == null) {
            words = Words.of(text);
        }
        return words;
    }

    /** Like {@link #mentions}, but also in the quoted history, signature and disclaimer set aside. */
    public boolean mentionsAnywhere(String phrases) {
        if (wordsAnywhere == null) {
            wordsAnywhere = Words.of(anywhere);
        }
        return phrases(phrases).foundIn(wordsAnywhere);
    }

    /** Like {@link #mentions}, but only in what was set aside: quoted history, signature, disclaimer. */
    public boolean mentionsSetAside(String phrases) {
        if (setAside.isEmpty()) {
            return false;
        }
        if (wordsSetAside == null) {
            wordsSetAside = Words.of(setAside);
        }
        return phrases(phrases).foundIn(wordsSetAside);
    }

    /**
     * Whether the title or the requester's text names the requester: their first name or surname, capitalised as a name
     * is ("Priya Shah rang in", "Caller: Alice Anders"). A note of a call that names the caller so is about the requester.
     */
    public boolean namesRequester() {
        if (requesterName.isEmpty()) {
            return false;
        }
        Set<String> names = new HashSet<>();
        for (String name : requesterName.toLowerCase(Locale.ROOT).split("[\\s-]+")) {
            if (name.length() >= 3) {
                names.add(plain(name));
            }
        }
        for (Token token : tokens()) {
            if (token.capitalised() && names.contains(plain(token.lower))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the title and the requester's text hold some word and nothing but the known words (and
     * numbers and the requester's name): "reset", "Passwort", "forgot password, pls reset".
     */
    public boolean onlyWords(String known) {
        Vocabulary phrases = vocabulary(known);
        List<Token> all = tokens();
        if (all.isEmpty()) {
            return false;
        }
        // every word must be one of the lists' words or belong to one of their phrases where it stands
        boolean[] covered = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            int end = phrases.matchAt(all, i);
            for (int k = i; k < end; k++) {
                covered[k] = true;
            }
            Token token = all.get(i);
            covered[i] |= token.number() || requesterWords().contains(token.lower);
        }
        for (boolean word : covered) {
            if (!word) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a password word stands next to a word that is not known: "my Adobe password", "the CRM
     * password", "DATEV-Passwort", "Druckerpasswort", "mot de passe Sage" (a capitalised word after it).
     *
     * @param passwords the password words (and words for an account: "the scanning account")
     * @param capitalisedAfter the words after which a capitalised word counts too ("mot de passe Sage"), not
     *                         "Accounts Payable"
     * @param known words that may stand beside a password word without naming another system: the company
     *              sign-in's names, determiners, adjectives, verbs
     */
    public boolean namesSystemBeside(String passwords, String capitalisedAfter, String known) {
        return systemBeside(passwords, capitalisedAfter, known) != null;
    }

    /**
     * {@link #namesSystemBeside(String, String, String)}, where a service of the company sign-in of several words right
     * before the password word names no other system: "thin client login" ("client" alone would).
     *
     * @param signIns services of the company sign-in (phrases)
     */
    public boolean namesSystemBeside(String passwords, String capitalisedAfter, String known, String signIns) {
        return systemBeside(passwords, capitalisedAfter, known, signIns) != null;
    }

    /** The word {@link #namesSystemBeside} found, or null. */
    String systemBeside(String passwords, String capitalisedAfter, String known) {
        return systemBeside(passwords, capitalisedAfter, known, null);
    }

    private String systemBeside(String passwords, String capitalisedAfter, String known, String signIns) {
        Vocabulary passwordWords = vocabulary(passwords);
        Vocabulary before = vocabulary(capitalisedAfter);
        Vocabulary knownWords = vocabulary(known);
        Vocabulary services = signIns == null ? null : vocabulary(signIns);
        List<Token> all = tokens();
        for (int i = 0; i < all.size(); i++) {
            Token token = all.get(i);
            int end = passwordWords.matchAt(all, i);
            if (end < 0) {
                String prefix = passwordWords.compoundPrefix(token.lower);
                if (prefix != null && !prefix.isEmpty() && !knownWords.known(prefix)) {
                    return token.word;
                }
                // "Lohn-Login", "CRM-PW": a hyphen joins any password word to the system it belongs to
                int hyphen = token.lower.lastIndexOf('-');
                if (hyphen > 0 && passwordWords.single(token.lower.substring(hyphen + 1))) {
                    for (String part : token.lower.substring(0, hyphen).split("-")) {
                        if (!knownWords.known(part)) {
                            return token.word;
                        }
                    }
                }
                continue;
            }
            if (i > 0 && joined(all.get(i - 1), token) && unknown(all.get(i - 1), knownWords, passwordWords)
                    && !(services != null && phraseEndsAt(services, all, i))) {
                return all.get(i - 1).word;
            }
            if (end < all.size() && before.matchAt(all, i) == end && joined(all.get(end - 1), all.get(end)) && all.get(end).capitalised()
                    && unknown(all.get(end), knownWords, passwordWords)) {
                return all.get(end).word;
            }
            i = end - 1;
        }
        return null;
    }

    /** Whether a phrase of several words of the vocabulary ends right before token {@code end}. */
    private static boolean phraseEndsAt(Vocabulary phrases, List<Token> all, int end) {
        for (int k = Math.max(0, end - 4); k < end - 1; k++) {
            if (phrases.matchAt(all, k) == end) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text names something that looks like a product and is not a known word: a word in capitals
     * or with a capital inside ("SAP", "ServiceNow", "iCloud") anywhere, or — in the description, unless
     * its language capitalises all nouns — a capitalised word inside a sentence ("my login for Workday
     * expired"), or one anywhere that acts like a system ("Zendesk locked me out"). Not counted: the start of a sentence, a name after a greeting or thanks ("Hi Mark,"),
     * the requester's name.
     *
     * @param known the words that are no product (the company sign-in's names among them)
     * @param nounCapitalising words of a language that capitalises every noun (German): where two of them
     *                         are found, a capitalised word alone is no sign of a product
     * @param systemVerbs what a system does to a user ("says", "locked", "won't"): an unknown capitalised word
     *                    before one of them names a product even at the start of a sentence
     */
    public boolean namesProduct(String known, String nounCapitalising, String systemVerbs) {
        return product(known, nounCapitalising, systemVerbs, null, null, null) != null;
    }

    /**
     * {@link #namesProduct(String, String, String)}, where a word at the start of a sentence followed by one of the
     * auxiliaries ("is", "has", "a", "ha") acts like a system only if one of the system's verbs or participles follows
     * it: "Lucca a bloqué mon compte", "SAP has locked me out" — not "Quedo a la espera", "Monday is fine".
     */
    public boolean namesProduct(String known, String nounCapitalising, String systemVerbs, String auxiliaries, String participles) {
        return product(known, nounCapitalising, systemVerbs, auxiliaries, participles, null) != null;
    }

    /**
     * {@link #namesProduct(String, String, String, String, String)}, where words that are capitalised without naming a
     * product — people's given names, places, keys — name none ("Sarah at reception said…", "two weeks in Spain",
     * "Ctrl+Alt+Del"); a person doing something is {@link #namedSubject}.
     */
    public boolean namesProduct(String known, String nounCapitalising, String systemVerbs, String auxiliaries, String participles,
                                String ordinaryCapitalised) {
        return product(known, nounCapitalising, systemVerbs, auxiliaries, participles, ordinaryCapitalised) != null;
    }

    /** The word {@link #namesProduct} found, or null. */
    String product(String known, String nounCapitalising, String systemVerbs, String auxiliaries, String participles,
                   String ordinaryCapitalised) {
        Vocabulary ordinary = ordinaryCapitalised == null ? null : vocabulary(ordinaryCapitalised);
        Vocabulary knownWords = vocabulary(known);
        Vocabulary verbs = vocabulary(systemVerbs);
        Vocabulary helpers = auxiliaries == null ? null : vocabulary(auxiliaries);
        Vocabulary done = participles == null ? verbs : vocabulary(participles);
        Vocabulary german = vocabulary(nounCapitalising);
        List<Token> all = tokens();
        int nounLanguage = 0;
        for (Token token : all) {
            if (german.known(token.lower) && ++nounLanguage >= 2) {
                break;
            }
        }
        if (shouted()) {
            return null;
        }
        for (int i = 0; i < all.size(); i++) {
            Token token = all.get(i);
            if (!token.capitalised() || token.number() || knownWords.known(token.lower) || requesterWords().contains(token.lower)
                    || token.lower.length() < 2) {
                continue;
            }
            if (compoundOfKnown(token, knownWords) || companysOwn(token, knownWords)) {
                continue;
            }
            // "the Quality folder on SharePoint", "the Sales channel in Teams": a place inside a system names none
            if (i + 1 < all.size() && joined(token, all.get(i + 1)) && PLACES_INSIDE.contains(all.get(i + 1).lower)) {
                continue;
            }
            if (initials(token) || assetName(token)) {
                continue;
            }
            boolean inner = token.innerCapital();
            boolean inTitle = token.start < title.length();
            if (inner) {
                return token.word;
            }
            if (ordinary != null && ordinary.single(token.lower)) {
                // a person doing something is asked about elsewhere (namedSubject): "Jenny said" names no product
                continue;
            }
            if (!inTitle && nounLanguage < 2 && !sentenceStart(token)
                    && !(i > 0 && GREETINGS.contains(all.get(i - 1).lower))) {
                return token.word;
            }
            // "Zendesk locked me out", "SAP says my password expired": a name at the start acting like a system
            if (nounLanguage < 2 && i + 1 < all.size() && joined(token, all.get(i + 1)) && actsLikeASystem(all, i + 1, verbs, helpers, done)) {
                return token.word;
            }
        }
        return null;
    }

    /** "ACME-PC-GI01", "LT-2231", "DESKTOP-7F3K2": a device's or asset's name, parts joined by hyphens, one with digits. */
    private static boolean assetName(Token token) {
        return token.word.indexOf('-') > 0 && token.word.chars().anyMatch(Character::isDigit);
    }

    /** "(KM)", "(JW)": two or three capitals alone in brackets, the initials of whoever took a call or wrote a note. */
    private boolean initials(Token token) {
        return token.word.length() <= 3 && token.word.chars().allMatch(Character::isUpperCase)
                && token.start > 0 && original.charAt(token.start - 1) == '('
                && token.end < original.length() && original.charAt(token.end) == ')';
    }

    /** A system's verb at {@code at}, or an auxiliary with a verb or participle soon after: "locked", "says", "has locked", "a bloqué". */
    private static boolean actsLikeASystem(List<Token> all, int at, Vocabulary verbs, Vocabulary helpers, Vocabulary participles) {
        if (helpers == null || !helpers.known(all.get(at).lower)) {
            return verbs.known(all.get(at).lower);
        }
        // "SAP has locked", "Concur is not accepting", "Lucca a encore bloqué": within three words after the auxiliary
        for (int k = at + 1; k < all.size() && k <= at + 3; k++) {
            if (verbs.known(all.get(k).lower) || participles.known(all.get(k).lower)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "ACME", "ACME-IT", "ACME-Staff" for the company ACME Ltd: the company's own name, or a compound of it with known
     * or plainly capitalised words, names no product ("ACME-CRM" does: "CRM" is in capitals and no known word).
     */
    private boolean companysOwn(Token token, Vocabulary known) {
        if (company.isEmpty()) {
            return false;
        }
        String first = company.split("[\\s,.]+")[0].toLowerCase(Locale.ROOT);
        String[] parts = token.word.split("-");
        if (first.length() < 2 || !parts[0].toLowerCase(Locale.ROOT).equals(first)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || !known.known(part.toLowerCase(Locale.ROOT))
                    && new Token(part.toLowerCase(Locale.ROOT), part, 0, part.length()).innerCapital()) {
                return false;
            }
        }
        return true;
    }

    /**
     * "Arbeitsplatz-PC", "Windows-Konto": a compound whose parts are known words or plain capitalised ones is no
     * product; "SAP-Passwort" is ("SAP" is in capitals).
     */
    private static boolean compoundOfKnown(Token token, Vocabulary known) {
        if (token.word.indexOf('-') < 0) {
            return false;
        }
        boolean anyKnown = false;
        for (String part : token.word.split("-")) {
            if (known.known(part.toLowerCase(Locale.ROOT))) {
                anyKnown = true;
            } else if (part.isEmpty() || new Token(part.toLowerCase(Locale.ROOT), part, 0, part.length()).innerCapital()) {
                return false;
            }
        }
        return anyKnown;
    }

    /**
     * A person named as the one whose sign-in the ticket is about: a capitalised word that is no known word (or a
     * given name) right before what a person does or is ("Priya can't log in", "Tom forgot", "Julie a oublié",
     * "Marta no puede entrar"); empty if there is none. Not the requester, not "I".
     *
     * @param known words that are no person (the company sign-in, filler, determiners…)
     * @param givenNames people's given names, which are persons even where they are known words ("Will", "Mark")
     * @param doings what a person does or is, as phrases after the name
     */
    public String namedSubject(String known, String givenNames, String doings) {
        return remembered("namedSubject", () -> namedSubjectNow(known, givenNames, doings), known, givenNames, doings);
    }

    /** Words that may stand between a name and what the person does: "Sam still can't", "Bob also forgot". */
    private static final Set<String> ADVERBS = Set.of("also", "still", "now", "again", "just", "really", "too", "auch", "noch",
            "immer", "jetzt", "wieder", "aussi", "encore", "toujours", "también", "todavía", "aún", "ya", "ook", "nog", "weer", "nu");

    private String namedSubjectNow(String known, String givenNames, String doings) {
        Vocabulary knownWords = vocabulary(known);
        Vocabulary names = vocabulary(givenNames);
        Vocabulary does = vocabulary(doings);
        List<Token> all = tokens();
        for (int i = 0; i + 1 < all.size(); i++) {
            Token token = all.get(i);
            if (!token.capitalised() || token.innerCapital() || token.number() || token.lower.length() < 2
                    || requesterWords().contains(token.lower) || !(names.single(token.lower) || !knownWords.known(token.lower))) {
                continue;
            }
            int next = i + 1;
            while (next + 1 < all.size() && next <= i + 2 && joined(all.get(next - 1), all.get(next)) && ADVERBS.contains(all.get(next).lower)) {
                next++;
            }
            if (joined(all.get(next - 1), all.get(next)) && does.matchAt(all, next) > next) {
                return token.word;
            }
        }
        return "";
    }

    /** "MY PASSWORD EXPIRED PLEASE HELP": mostly capitals, where a capital names nothing. */
    private boolean shouted() {
        int upper = 0;
        int letters = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                upper += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        return letters > 0 && upper > letters * 0.6;
    }

    /** What a capitalised word may name inside a system: "the Quality folder", "the Sales channel". */
    private static final Set<String> PLACES_INSIDE = Set.of("folder", "folders", "site", "channel", "library", "calendar",
            "ordner", "kanal", "dossier", "canal", "carpeta", "sitio", "map", "kanaal");

    private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "dear", "thanks", "thank", "cheers", "hallo",
            "liebe", "lieber", "danke", "bonjour", "salut", "cher", "chère", "merci", "hola", "estimado", "estimada", "gracias",
            "hoi", "beste", "dag", "bedankt", "goedemorgen", "morning", "you", "mr", "mrs", "ms", "herr", "frau", "m", "mme",
            "sr", "sra", "dhr", "mevr", "team");

    /** Only spaces, quotes, brackets or a bullet between the token and the start of the text or the end of a sentence. */
    private boolean sentenceStart(Token token) {
        for (int i = token.start - 1; i >= 0; i--) {
            char c = original.charAt(i);
            if (".!?:;\n\r¿¡".indexOf(c) >= 0) {
                return true;
            }
            if (" \t\"'“”«»()[]-–*•>".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a password word is followed, within a few words of its sentence, by a connector ("for", "on",
     * "de", "für", "van"…), up to three skippable words (determiners, adjectives) and a word that is not known:
     * "password for the CRM", "my password reset on the booking system", "mot de passe du portail".
     */
    public boolean namesSystemAfter(String passwords, String connectors, String skippable, String known) {
        return systemAfter(passwords, connectors, skippable, known, null) != null;
    }

    /**
     * {@link #namesSystemAfter(String, String, String, String)}, where a service of the company sign-in named after the
     * password word ends the search: "sign-in issue - Outlook on my phone", "mon mot de passe pour ouvrir ma session sur
     * le portable du bureau" — the words after it say where that sign-in is used.
     *
     * @param signIns services of the company sign-in that end the search (phrases)
     */
    public boolean namesSystemAfter(String passwords, String connectors, String skippable, String known, String signIns) {
        return systemAfter(passwords, connectors, skippable, known, signIns) != null;
    }

    /** The word {@link #namesSystemAfter} found, or null. */
    String systemAfter(String passwords, String connectors, String skippable, String known, String signIns) {
        return followedByUnknown(vocabulary(passwords), vocabulary(connectors), vocabulary(skippable), vocabulary(known),
                signIns == null ? null : vocabulary(signIns));
    }

    /**
     * Whether a sign-in phrase ending in its preposition ("log in to", "locked out of", "account on",
     * "anmelden bei", "me connecter à") is followed, past up to three skippable words, by a word that is not known:
     * "I can't log in to Salesforce", "locked out of the HR portal".
     */
    public boolean namesSystemSignedInTo(String signIns, String skippable, String known) {
        return systemSignedInTo(signIns, skippable, known) != null;
    }

    /** The word {@link #namesSystemSignedInTo} found, or null. */
    String systemSignedInTo(String signIns, String skippable, String known) {
        return followedByUnknown(vocabulary(signIns), null, vocabulary(skippable), vocabulary(known), null);
    }

    /**
     * Whether the title or the requester's text holds a web address or a domain name ("https://…",
     * "crm.example.com") other than the known ones.
     *
     * @param known domains of the company sign-in ("office.com"): a host that is one of them or ends in one is no other system
     */
    public boolean namesWebAddress(String known) {
        Matcher web = WEB_ADDRESS.matcher(text);
        while (web.find()) {
            String host = web.group(1) != null ? web.group(1) : web.group(2);
            String bare = host.startsWith("www.") ? host.substring(4) : host;
            if (vocabulary(known).words.stream().noneMatch(domain -> bare.equals(domain) || bare.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The accounts the text names other than the requester's: addresses and UPNs, {@code DOMAIN\\user},
     * labelled user names ("username: jdoe"), a user name in brackets after a person ("Jane Roe (jroe)"),
     * people with a title ("M. Dupont", "Frau Müller"), people after one of the prepositions ("for Jane
     * Doe"), and people or user names listed on their own lines after a line ending in a colon or as bullets.
     * At most {@link Verdict#MAX_TARGETS}.
     */
    public List<Target> targets(String prepositions) {
        return targets.computeIfAbsent(List.of(prepositions), p -> extract(prepositions, null, null, null, null));
    }

    /**
     * {@link #targets(String)}, and besides any two or three capitalised words none of which is known, as a
     * person's name ("Maria Garcia from sales asked me…").
     */
    public List<Target> targets(String prepositions, String known) {
        // keyed by the lists themselves, whose hashes the strings keep: a key joined anew would be hashed on every call
        return targets.computeIfAbsent(List.of(prepositions, known), p -> extract(prepositions, vocabulary(known), null, null, null));
    }

    /**
     * {@link #targets(String, String)}, and besides one capitalised word as a person's name where it stands after
     * one of the prepositions before a name ("the password for Ben", "la contraseña de Marta") or before "'s" and a
     * word it may own ("Ben's Windows password", "Mark's mailbox"), unless it is one of the words that name no person.
     *
     * @param beforeAName prepositions before a name of one word
     * @param belongings words for what a person's "'s" may own: a password, an account, a mailbox
     * @param notNames words that are no person's name even where a name would stand: systems, months, departments
     */
    public List<Target> targets(String prepositions, String known, String beforeAName, String belongings, String notNames) {
        return targets.computeIfAbsent(List.of(prepositions, known, beforeAName, belongings, notNames),
                p -> extract(prepositions, vocabulary(known), beforeAName, vocabulary(belongings), vocabulary(notNames)));
    }

    private List<Target> extract(String prepositions, Vocabulary known, String beforeAName, Vocabulary belongings, Vocabulary notNames) {
        Set<Target> found = new LinkedHashSet<>();
        Matcher addresses = ADDRESS.matcher(original);
        while (addresses.find() && found.size() < Verdict.MAX_TARGETS) {
            String address = addresses.group().toLowerCase(Locale.ROOT);
            if (!address.equals(requesterEmail)) {
                found.add(new Target("email", address));
            }
        }
        Matcher domainUsers = DOMAIN_USER.matcher(original);
        while (domainUsers.find() && found.size() < Verdict.MAX_TARGETS) {
            String domainUser = trimEnd(domainUsers.group());
            if (!isRequesterLogon(domainUser.substring(domainUser.indexOf('\\') + 1))) {
                found.add(new Target("logon-name", domainUser));
            }
        }
        Matcher serviceUsers = SERVICE_USER.matcher(original);
        while (serviceUsers.find() && found.size() < Verdict.MAX_TARGETS) {
            addUserName(found, trimEnd(serviceUsers.group()));
        }
        Matcher labelledPerson = LABELLED_PERSON.matcher(original);
        while (labelledPerson.find() && found.size() < Verdict.MAX_TARGETS) {
            addPerson(found, labelledPerson.group(1));
        }
        Matcher labelled = LABELLED_USER.matcher(original);
        while (labelled.find() && found.size() < Verdict.MAX_TARGETS) {
            addUserName(found, trimEnd(labelled.group(1)));
        }
        Matcher forUser = USER_AFTER_FOR.matcher(original);
        while (forUser.find() && found.size() < Verdict.MAX_TARGETS) {
            addUserName(found, trimEnd(forUser.group(1)));
        }
        Matcher withUser = PERSON_WITH_USER.matcher(original);
        while (withUser.find() && found.size() < Verdict.MAX_TARGETS) {
            if (known != null && allKnown(withUser.group(1), known)) {
                // "Service Desk (JW)": known words and someone's initials, no person with a user name
                continue;
            }
            addPerson(found, withUser.group(1));
            String user = withUser.group(2).toLowerCase(Locale.ROOT);
            // "Ben Taylor (Sales)": a department in brackets is no user name
            if (!ME.contains(user) && !isRequester(withUser.group(1)) && (known == null || !known.known(user))) {
                addUserName(found, trimEnd(withUser.group(2)));
            }
        }
        Matcher titled = TITLED_PERSON.matcher(original);
        while (titled.find() && found.size() < Verdict.MAX_TARGETS) {
            addPerson(found, titled.group(1));
        }
        Matcher people = PEOPLE.computeIfAbsent(prepositions, p -> Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
                + String.join("|", quoted(p)) + ") {1,3}(?:[\\p{Ll}-]{1,20} {1,3}){0,2}(\\p{Lu}\\p{Ll}{1,40}(?:[ -](?:van der |van |de |von )?\\p{Lu}\\p{Ll}{1,40}){1,2})"))
                .matcher(original);
        while (people.find() && found.size() < Verdict.MAX_TARGETS) {
            addPerson(found, people.group(1));
        }
        listed(found);
        if (known != null) {
            Matcher names = NAME.matcher(original);
            while (names.find() && found.size() < Verdict.MAX_TARGETS) {
                boolean anyKnown = false;
                boolean first = true;
                for (Token word : tokenize(names.group())) {
                    // "Ben Taylor": a first word known only as a filler ("ik ben") that may well be a name, is one here
                    boolean knownWord = known.known(word.lower) && !(first && notNames != null && !notNames.single(word.lower));
                    first = false;
                    // "Ablauf-Meldung", "Passwort-Änderung": a German compound of known words is no name
                    anyKnown |= knownWord || ROLES.contains(word.lower);
                    if (word.lower.indexOf('-') > 0) {
                        for (String part : word.lower.split("-")) {
                            anyKnown |= known.known(part);
                        }
                    }
                }
                if (!anyKnown) {
                    addPerson(found, names.group());
                }
            }
        }
        if (notNames != null) {
            Matcher single = SINGLE_PEOPLE.computeIfAbsent(beforeAName, p -> Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
                    + String.join("|", quoted(p)) + ") {1,3}(?:[\\p{Ll}-]{1,20} {1,3}){0,2}(\\p{Lu}\\p{Ll}{1,40})(?![\\p{L}\\p{N}'’@.-]| {1,3}\\p{Lu})"))
                    .matcher(original);
            while (single.find() && found.size() < Verdict.MAX_TARGETS) {
                addSingleName(found, single.group(1), notNames);
            }
            Matcher owner = POSSESSIVE.matcher(original);
            while (owner.find() && found.size() < Verdict.MAX_TARGETS) {
                if (ownsOneOf(owner.end(), belongings)) {
                    addSingleName(found, owner.group(1), notNames);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean allKnown(String words, Vocabulary known) {
        for (Token word : tokenize(words)) {
            if (!known.known(word.lower)) {
                return false;
            }
        }
        return true;
    }

    /** "Ben's", "Mark’s": a capitalised word owning what follows. */
    private static final Pattern POSSESSIVE = Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{Lu}\\p{Ll}{1,40})['’]s(?![\\p{L}\\p{N}])");
    private static final Map<String, Pattern> SINGLE_PEOPLE = new ConcurrentHashMap<>();

    /**
     * Whether one of the words owned follows within two words of {@code from} in the text ("'s Windows password"), or
     * nothing does in the phrase ("Jenny's, please", "and Tom's.") — what is owned goes without saying.
     */
    private boolean ownsOneOf(int from, Vocabulary belongings) {
        List<Token> all = tokens();
        // the first token at or after from, found by halving: the text is not read again for every "'s"
        int low = 0;
        int high = all.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (all.get(middle).start < from) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int seen = 0;
        for (Token token : all.subList(low, all.size())) {
            if (seen == 0 && !original.substring(from, token.start).isBlank()) {
                return true;
            }
            if (belongings.single(token.lower)) {
                return true;
            }
            if (++seen >= 3) {
                return false;
            }
        }
        return seen == 0;
    }

    /** One word as a person's name, where it is no system, month or the like, and not the requester's. */
    private void addSingleName(Set<Target> found, String name, Vocabulary notNames) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (notNames.single(lower) || requesterWords().contains(lower) || requesterWords().contains(plain(lower))) {
            return;
        }
        // "Bob" beside bob@acme.test, "Mark" beside mark.jensen@…: the account already named
        for (Target target : found) {
            String account = target.value().toLowerCase(Locale.ROOT);
            String user = account.substring(account.lastIndexOf('\\') + 1).split("@")[0];
            if (!target.kind().equals("person") && java.util.Arrays.asList(user.split("[._-]")).contains(lower)) {
                return;
            }
        }
        addName(found, name);
    }

    /** Two or three capitalised words: a name where none of them is a known word. */
    private static final Pattern NAME = Pattern.compile(
            "(?<![\\p{L}\\p{N}])\\p{Lu}\\p{Ll}{1,40}(?:[ -](?:van der |van |de |von )?\\p{Lu}\\p{Ll}{1,40}){1,2}(?![\\p{L}\\p{N}])");
    /** Words for a role that stand before a name ("Azubi Jonas Klein"): not part of it. */
    private static final Set<String> ROLES = Set.of("azubi", "kollege", "kollegin", "kollegen", "mitarbeiter", "mitarbeiterin",
            "praktikant", "praktikantin", "chef", "chefin", "leiter", "leiterin", "kunde", "kundin", "benutzer", "benutzerin",
            "colleague", "intern", "manager", "boss", "starter", "stagiaire", "collègue", "directeur", "directrice", "becario",
            "becaria", "compañero", "compañera", "director", "directora", "collega", "stagiair", "medewerker", "medewerkster",
            "user", "employee", "assistant", "assistent", "assistentin");

    private static final Map<String, Pattern> PEOPLE = new ConcurrentHashMap<>();
    private static final Pattern LIST_INTRO_USERS = Pattern.compile("(?iu)(user|account|people|person|colleague|employee|staff"
            + "|benutzer|konten|konto|mitarbeiter|kolleg|utilisateur|compte|collègue|employé|usuario|cuenta|compañer|empleado"
            + "|gebruiker|account|collega|medewerker)");

    /** People and user names on their own lines, in a list: after a line ending in ":" or as bullets. */
    private void listed(Set<Target> found) {
        String[] lines = request.request().split("\n", -1);
        boolean inList = false;
        boolean aboutUsers = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (found.size() >= Verdict.MAX_TARGETS) {
                return;
            }
            if (line.isEmpty()) {
                continue;
            }
            Matcher item = LIST_ITEM.matcher(line);
            boolean bullet = item.matches();
            String entry = bullet ? item.group(1).strip() : line;
            if (bullet || inList) {
                Matcher name = NAME_LINE.matcher(entry);
                Matcher user = USER_NAME_LINE.matcher(entry);
                if (name.matches()) {
                    addPerson(found, name.group(1));
                    inList = true;
                    continue;
                }
                if (aboutUsers && user.matches() && !NOT_NAMES.contains(entry)) {
                    addUserName(found, trimEnd(entry));
                    inList = true;
                    continue;
                }
                if (!bullet) {
                    inList = false;
                }
            }
            if (line.endsWith(":") && line.length() <= 200) {
                inList = true;
                aboutUsers = LIST_INTRO_USERS.matcher(line).find();
            }
        }
    }

    private void addPerson(Set<Target> found, String named) {
        String person = named;
        // "Azubi Jonas Klein", "Mitarbeiter Herr Wagner": the role is no part of the name
        int space = person.indexOf(' ');
        while (space > 0 && ROLES.contains(person.substring(0, space).toLowerCase(Locale.ROOT)) && person.indexOf(' ', space + 1) > 0) {
            person = person.substring(space + 1);
            space = person.indexOf(' ');
        }
        addName(found, person);
    }

    private void addName(Set<Target> found, String person) {
        String greeted = addressee();
        if (!greeted.isEmpty() && (greeted.contains(person) || person.contains(greeted))) {
            return;
        }
        String first = person.split("[ -]")[0].toLowerCase(Locale.ROOT);
        // "Herr Wagner" found with its title stays when "Mitarbeiter Herr Wagner" comes later
        if (!NOT_NAMES.contains(first) && !isRequester(person) && found.size() < Verdict.MAX_TARGETS
                && found.stream().noneMatch(t -> t.kind().equals("person") && (t.value().contains(person) || person.contains(t.value())))) {
            found.add(new Target("person", person));
        }
    }

    private void addUserName(Set<Target> found, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NOT_NAMES.contains(lower) && !ME.contains(lower) && !isRequesterLogon(lower) && found.size() < Verdict.MAX_TARGETS
                && found.stream().noneMatch(t -> t.value().toLowerCase(Locale.ROOT).contains(lower))) {
            found.add(new Target("logon-name", name));
        }
    }

    /**
     * "ACME\\alice" or "ACME\\aanders" for the requester alice@acme.test, Alice Anders: the requester's own logon
     * name — the e-mail's local part, or the first name's initial and the last name.
     */
    private boolean isRequesterLogon(String logon) {
        String lower = logon.toLowerCase(Locale.ROOT);
        if (!requesterEmail.isEmpty() && requesterEmail.startsWith(lower + "@")) {
            return true;
        }
        String[] names = requesterName.toLowerCase(Locale.ROOT).split("\\s+");
        if (names.length < 2 || names[0].isEmpty()) {
            return false;
        }
        String first = plain(names[0]);
        String last = plain(names[names.length - 1]);
        // "aanders", "alice.anders", "alice_anders", "aliceanders"
        return List.of(first.charAt(0) + last, first + "." + last, first + "_" + last, first + last).contains(plain(lower));
    }

    /** "Alice Anders", or "Frau Anders" for the requester Alice Anders. */
    private boolean isRequester(String person) {
        if (requesterName.isEmpty()) {
            return false;
        }
        String lower = person.toLowerCase(Locale.ROOT);
        String name = requesterName.toLowerCase(Locale.ROOT);
        Matcher titled = TITLE.matcher(lower);
        return lower.equals(name) || titled.lookingAt() && (name.equals(lower.substring(titled.end()))
                || name.endsWith(" " + lower.substring(titled.end())));
    }

    /** "Hi James,", "Hallo Herr Müller,", "Hoi Kees,": the one the text opens by greeting, the technician, no target. */
    private static final Pattern ADDRESSEE = Pattern.compile("(?iu)^\\s{0,5}(?:hi|hello|hey|dear|hallo|hoi|moin|servus|liebe|lieber|"
            + "sehr geehrte|sehr geehrter|bonjour|salut|cher|chère|hola|buenos días|buenas|estimado|estimada|goedemorgen|beste|dag)"
            + "\\s{1,3}(?-i:((?:(?:Herr|Frau|Mr|Mrs|Ms|M|Mme|Sr|Sra|Dhr|Mevr)\\.?\\s{1,3})?\\p{Lu}\\p{Ll}{1,40}(?:[ -]\\p{Lu}\\p{Ll}{1,40})?))"
            + "\\s{0,3}[,!:\\n]");
    private String addressee;

    private String addressee() {
        if (addressee == null) {
            Matcher greeted = ADDRESSEE.matcher(request.request());
            addressee = greeted.lookingAt() ? greeted.group(1) : "";
        }
        return addressee;
    }

    private static final Pattern TITLE = Pattern.compile("(?:m|mme|mlle|monsieur|madame|herrn?|frau|sr|sra|srta|señor|señora|mr|mrs|ms"
            + "|dhr|mevr|mevrouw|meneer|de heer)\\.? {1,3}");

    /**
     * A phrase followed — with connectors: within the next {@link #WINDOW} words of its sentence, after one of
     * them — past up to three skippable words by a word that is not known.
     */
    private String followedByUnknown(Vocabulary phrases, Vocabulary connectors, Vocabulary skippable, Vocabulary known,
                                     Vocabulary signIns) {
        List<Token> all = tokens();
        for (int i = 0; i < all.size(); i++) {
            int end = phrases.matchAt(all, i);
            if (end < 0) {
                continue;
            }
            if (connectors == null) {
                String unknown = unknownAfter(all, end, skippable, known);
                if (unknown != null) {
                    return unknown;
                }
                continue;
            }
            for (int j = end; j < all.size() && j < end + WINDOW && sameSentence(all.get(j - 1), all.get(j)); j++) {
                if (signIns != null && signIns.matchAt(all, j) > j) {
                    // the password is this sign-in's; what follows says where it is used
                    break;
                }
                String unknown = connectors.known(all.get(j).lower) ? unknownAfter(all, j + 1, skippable, known) : null;
                if (unknown != null) {
                    return unknown;
                }
            }
        }
        return null;
    }

    /** How far after a password word a connector still belongs to it: "password reset on the booking system". */
    private static final int WINDOW = 6;

    private String unknownAfter(List<Token> all, int from, Vocabulary skippable, Vocabulary known) {
        int j = from;
        for (int skipped = 0; skipped < 3 && j < all.size() && j > 0 && joined(all.get(j - 1), all.get(j))
                && skippable.known(all.get(j).lower); skipped++) {
            j++;
        }
        return j > 0 && j < all.size() && joined(all.get(j - 1), all.get(j)) && !known.known(all.get(j).lower)
                && !all.get(j).number() && !skippable.known(all.get(j).lower) && !requesterWords().contains(all.get(j).lower)
                ? all.get(j).word : null;
    }

    /** No end of a sentence (. ! ? ; or a new line) between the two. */
    private boolean sameSentence(Token before, Token after) {
        for (int i = before.end; i < after.start; i++) {
            if (".!?;\n\r".indexOf(original.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private boolean unknown(Token token, Vocabulary known, Vocabulary passwords) {
        return !token.number() && !known.known(token.lower) && !passwords.known(token.lower) && !requesterWords().contains(token.lower);
    }

    /** The requester's name and address as words: "Alice", "anders", "alice@acme.test" are theirs, no system. */
    private Set<String> requesterWords() {
        if (requesterWords == null) {
            Set<String> words = new HashSet<>();
            for (Token token : tokenize(requesterName + " " + requesterEmail.replace('@', ' '))) {
                words.add(token.lower);
                words.add(plain(token.lower));
                // "alice.anders@acme.test": alice, anders, acme (the company's name) are the requester's words too
                for (String part : token.lower.split("[._-]")) {
                    if (part.length() >= 2) {
                        words.add(part);
                        words.add(plain(part));
                    }
                }
            }
            requesterWords = words;
        }
        return requesterWords;
    }

    /** Nothing but white space (or quotes) between the two, or a hyphen alone: the same phrase. */
    private boolean joined(Token before, Token after) {
        if (after.start - before.end == 1 && original.charAt(before.end) == '-') {
            return true;
        }
        for (int i = before.end; i < after.start; i++) {
            char c = original.charAt(i);
            if (c != ' ' && c != '\t' && c != '\'' && c != '’' && c != '"' && c != '“' && c != '”' && c != '«' && c != '»') {
                return false;
            }
        }
        return true;
    }

    private List<Token> tokens() {
        if (tokens == null) {
            tokens = tokenize(original);
        }
        return tokens;
    }

    private static Vocabulary vocabulary(String phrases) {
        return VOCABULARIES.computeIfAbsent(phrases, Vocabulary::new);
    }

    /** Words: letters and digits, with inner hyphens and dots ("e-mail", "office.com"); an apostrophe parts words ("d'Outlook"). */
    static List<Token> tokenize(String text) {
        List<Token> found = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i))
                    || (text.charAt(i) == '-' || text.charAt(i) == '.') && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1)))) {
                i++;
            }
            String word = text.substring(start, i);
            found.add(new Token(word.toLowerCase(Locale.ROOT), word, start, i));
        }
        return found;
    }

    /**
     * @param lower the word in lower case
     * @param word as written
     */
    record Token(String lower, String word, int start, int end) {

        /** "2026", "3.5", and references with four digits or more: "T20261030.0042", "INC0012345", "Ticket#4471". */
        boolean number() {
            return lower.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')
                    || lower.chars().filter(Character::isDigit).count() >= 4;
        }

        /** "Salesforce", "SAP", "iCloud": not a word in lower case. */
        boolean capitalised() {
            return !word.equals(lower);
        }

        /** "SAP", "ServiceNow", "iCloud": a capital after the first letter. */
        boolean innerCapital() {
            for (int i = 1; i < word.length(); i++) {
                if (Character.isUpperCase(word.charAt(i)) && word.charAt(i - 1) != '-') {
                    return true;
                }
            }
            return false;
        }
    }

    /** Words and phrases of a keyword list, for looking them up token by token. */
    private static final class Vocabulary {

        private final Set<String> words = new HashSet<>();
        private final Map<String, List<String[]>> phrasesByFirst = new HashMap<>();
        private final List<String> suffixes = new ArrayList<>();

        Vocabulary(String phrases) {
            for (String phrase : phrases.split("\\|")) {
                List<Token> parts = tokenize(phrase.strip().toLowerCase(Locale.ROOT));
                if (parts.isEmpty()) {
                    continue;
                }
                String[] words = parts.stream().map(Token::lower).toArray(String[]::new);
                phrasesByFirst.computeIfAbsent(words[0], w -> new ArrayList<>()).add(words);
                if (words.length == 1) {
                    this.words.add(words[0]);
                    if (words[0].length() >= 6 && words[0].chars().allMatch(Character::isLetter)) {
                        suffixes.add(words[0]);
                    }
                }
                for (String word : words) {
                    this.words.add(word);
                }
            }
        }

        /** Whether the word is one of the list's or a word of one of its phrases. */
        boolean known(String word) {
            return words.contains(word);
        }

        /** Whether the word is one of the list's on its own, not only a word of a phrase. */
        boolean single(String word) {
            List<String[]> phrases = phrasesByFirst.get(word);
            return phrases != null && phrases.stream().anyMatch(p -> p.length == 1);
        }

        /** The end (exclusive) of a phrase of the list starting at token i, the longest one; -1 if none starts there. */
        int matchAt(List<Token> tokens, int i) {
            List<String[]> candidates = phrasesByFirst.get(tokens.get(i).lower);
            int best = -1;
            if (candidates == null) {
                return best;
            }
            for (String[] phrase : candidates) {
                if (i + phrase.length <= tokens.size() && i + phrase.length > best) {
                    boolean all = true;
                    for (int k = 1; k < phrase.length && all; k++) {
                        all = tokens.get(i + k).lower.equals(phrase[k]);
                    }
                    if (all) {
                        best = i + phrase.length;
                    }
                }
            }
            return best;
        }

        /** "druckerpasswort" → "drucker", "datev-passwort" → "datev"; null when the word is no compound of a list word. */
        String compoundPrefix(String word) {
            for (String suffix : suffixes) {
                if (word.length() > suffix.length() && word.endsWith(suffix)) {
                    String prefix = word.substring(0, word.length() - suffix.length());
                    return prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix;
                }
            }
            return null;
        }
    }

    private static String trimEnd(String name) {
        int end = name.length();
        while (end > 0 && ".-_".indexOf(name.charAt(end - 1)) >= 0) {
            end--;
        }
        return name.substring(0, end);
    }

    private static List<String> quoted(String phrases) {
        List<String> alternatives = new ArrayList<>();
        for (String phrase : phrases.split("\\|")) {
            alternatives.add("(?iu:" + Pattern.quote(phrase.strip()) + ")");
        }
        return alternatives;
    }

    private static Phrases phrases(String phrases) {
        return PHRASES.computeIfAbsent(phrases, Phrases::new);
    }

    /** A lower-case text as runs of letters and digits, each with where it starts and ends. */
    private record Words(String text, String[] word, int[] start, int[] end) {

        static Words of(String text) {
            List<int[]> spans = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                if (!Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                    continue;
                }
                int from = i;
                while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                spans.add(new int[] {from, i});
            }
            String[] word = new String[spans.size()];
            int[] start = new int[spans.size()];
            int[] end = new int[spans.size()];
            for (int k = 0; k < spans.size(); k++) {
                start[k] = spans.get(k)[0];
                end[k] = spans.get(k)[1];
                word[k] = text.substring(start[k], end[k]);
            }
            return new Words(text, word, start, end);
        }
    }

    /**
     * A keyword list matched word by word: a phrase is its words and what stands between them (a space
     * matches any run of white space; an apostrophe, hyphen or dot itself). Phrases with other signs
     * ("system:", "(me)") are matched with one regular expression of whole words.
     */
    private static final class Phrases {

        private final Map<String, List<String[]>> byFirst = new HashMap<>();
        private final Pattern others;

        Phrases(String phrases) {
            List<String> rest = new ArrayList<>();
            for (String raw : phrases.toLowerCase(Locale.ROOT).split("\\|")) {
                String phrase = raw.strip();
                if (phrase.isEmpty()) {
                    continue;
                }
                String[] parts = split(phrase);
                if (parts == null) {
                    rest.add(phrase);
                } else {
                    byFirst.computeIfAbsent(parts[0], w -> new ArrayList<>()).add(parts);
                }
            }
            others = rest.isEmpty() ? null : compile(rest);
        }

        /** Words at even places, what stands between them at odd places; null for a phrase with other signs. */
        private static String[] split(String phrase) {
            List<String> parts = new ArrayList<>();
            int i = 0;
            while (i < phrase.length()) {
                int from = i;
                boolean word = Character.isLetterOrDigit(phrase.charAt(i));
                while (i < phrase.length() && Character.isLetterOrDigit(phrase.charAt(i)) == word) {
                    i++;
                }
                String part = phrase.substring(from, i);
                if (!word) {
                    if (part.isBlank()) {
                        part = " ";
                    } else if (!part.equals("'") && !part.equals("’") && !part.equals("-") && !part.equals(".")) {
                        return null;
                    }
                }
                parts.add(part);
            }
            if (parts.isEmpty() || !Character.isLetterOrDigit(parts.get(0).charAt(0))
                    || !Character.isLetterOrDigit(parts.get(parts.size() - 1).charAt(0))) {
                return null;
            }
            return parts.toArray(String[]::new);
        }

        boolean foundAffirmedIn(Words words, Vocabulary before, Vocabulary after) {
            for (int i = 0; i < words.word().length; i++) {
                List<String[]> candidates = byFirst.get(words.word()[i]);
                if (candidates != null) {
                    for (String[] phrase : candidates) {
                        if (matchesAt(phrase, words, i) && !negated(words, i, i + (phrase.length + 1) / 2, before, after)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private static boolean negated(Words words, int from, int to, Vocabulary before, Vocabulary after) {
            for (int k = from - 1; k >= 0 && k >= from - 3 && !sentenceBetween(words, k, k + 1); k--) {
                if (before.known(words.word()[k])) {
                    return true;
                }
            }
            for (int k = to; k < words.word().length && k < to + 3 && !sentenceBetween(words, k - 1, k); k++) {
                if (after.known(words.word()[k])) {
                    return true;
                }
            }
            return false;
        }

        private static boolean sentenceBetween(Words words, int before, int after) {
            for (int c = words.end()[before]; c < words.start()[after]; c++) {
                if (".!?;\n".indexOf(words.text().charAt(c)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        /** The end (word index, exclusive) of the longest phrase starting at word i, -1 if none (phrases with signs aside). */
        int endAt(Words words, int i) {
            List<String[]> candidates = byFirst.get(words.word()[i]);
            int best = -1;
            if (candidates != null) {
                for (String[] phrase : candidates) {
                    int count = (phrase.length + 1) / 2;
                    if (i + count > best && matchesAt(phrase, words, i)) {
                        best = i + count;
                    }
                }
            }
            return best;
        }

        boolean foundIn(Words words) {
            for (int i = 0; i < words.word().length; i++) {
                List<String[]> candidates = byFirst.get(words.word()[i]);
                if (candidates != null) {
                    for (String[] phrase : candidates) {
                        if (matchesAt(phrase, words, i)) {
                            return true;
                        }
                    }
                }
            }
            return others != null && others.matcher(words.text()).find();
        }

        private static boolean matchesAt(String[] phrase, Words words, int i) {
            int count = (phrase.length + 1) / 2;
            if (i + count > words.word().length) {
                return false;
            }
            for (int k = 1; k < count; k++) {
                if (!words.word()[i + k].equals(phrase[2 * k]) || !gap(words.text(), words.end()[i + k - 1], words.start()[i + k], phrase[2 * k - 1])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean gap(String text, int from, int to, String between) {
            if (between.equals(" ")) {
                for (int c = from; c < to; c++) {
                    if (!Character.isWhitespace(text.charAt(c))) {
                        return false;
                    }
                }
                return to > from;
            }
            String actual = text.substring(from, to);
            return actual.equals(between) || between.equals("'") && actual.equals("’");
        }

        private static Pattern compile(List<String> phrases) {
            StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
            for (int i = 0; i < phrases.size(); i++) {
                if (i > 0) {
                    regex.append('|');
                }
                regex.append(Pattern.quote(phrases.get(i)).replace(" ", "\\E\\s+\\Q"));
            }
            return Pattern.compile(regex.append(")(?![\\p{L}\\p{N}])").toString(), Pattern.UNICODE_CASE);
        }
    }

    /** English contractions written without their apostrophe, as the lists spell them: "cant" → "can't", "im" → "i'm". */
    private static final Map<String, String> CONTRACTIONS = Map.ofEntries(Map.entry("cant", "can't"), Map.entry("dont", "don't"),
            Map.entry("wont", "won't"), Map.entry("didnt", "didn't"), Map.entry("doesnt", "doesn't"), Map.entry("isnt", "isn't"),
            Map.entry("wasnt", "wasn't"), Map.entry("havent", "haven't"), Map.entry("hasnt", "hasn't"), Map.entry("couldnt", "couldn't"),
            Map.entry("wouldnt", "wouldn't"), Map.entry("shouldnt", "shouldn't"), Map.entry("arent", "aren't"),
            Map.entry("werent", "weren't"), Map.entry("im", "i'm"), Map.entry("ive", "i've"), Map.entry("youre", "you're"),
            Map.entry("thats", "that's"), Map.entry("whats", "what's"));

    /** The lower-case text with {@link #CONTRACTIONS} spelled out; read once, word by word. */
    private static String informal(String lower) {
        StringBuilder out = null;
        int i = 0;
        int copied = 0;
        int n = lower.length();
        while (i < n) {
            if (!Character.isLetter(lower.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(lower.charAt(i))) {
                i++;
            }
            // a word of its own: not a part of "can't" or "e-mail" already
            boolean apart = (start == 0 || "'’-".indexOf(lower.charAt(start - 1)) < 0) && (i == n || "'’-".indexOf(lower.charAt(i)) < 0);
            String spelled = i - start <= 8 && apart ? CONTRACTIONS.get(lower.substring(start, i)) : null;
            if (spelled != null) {
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(lower, copied, start).append(spelled);
                copied = i;
            }
        }
        return out == null ? lower : out.append(lower, copied, n).toString();
    }

    private static String cut(String value) {
        String text = value == null ? "" : value;
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }
}
