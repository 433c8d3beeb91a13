package io.rotabot.classify;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ticket description split into what the requester wrote for this request and what the rules must not
 * read as a request: quoted e-mail history, forwarded messages, signatures and disclaimers. An old "please
 * reset my password" below a reply, or "Windows" in a signature, would otherwise decide the ticket.
 *
 * <p>Set aside, in English, German, French, Spanish and Dutch mail clients' words: everything from a
 * {@code -----Original Message-----} or forwarded-message line, a {@code From: … Sent: …} header block
 * ({@code Von: … Gesendet:}, {@code De : … Envoyé :}, {@code De: … Enviado:}, {@code Van: … Verzonden:}),
 * an {@code On … wrote:} line ({@code Am … schrieb …:}, {@code Le … a écrit :}, {@code El … escribió:},
 * {@code Op … schreef …:}), a {@code -- } signature separator, a closing ("Kind regards", "Mit freundlichen
 * Grüßen", "Cordialement", "Saludos", "Met vriendelijke groet"…) after some text, "Sent from my iPhone"
 * and a disclaimer's first line; lines starting with {@code >} wherever they are, and a form's line saying where the
 * ticket came from ("Submitted via ACME Client Portal"). Line by line, with no
 * regular expression that can backtrack over the text: linear in its length.
 *
 * @param request the requester's own new text
 * @param setAside the quoted history, signature and disclaimers, empty when there were none
 * @param quotes whether quoted history or a forwarded message (not only a signature) was set aside
 */
public record RequestText(String request, String setAside, boolean quotes) {

    /** Longest line still looked at as a marker; longer lines are text. */
    private static final int MARKER_LINE = 300;
    private static final List<String> SEPARATORS = List.of("-----original message-----", "----- original message -----",
            "-----ursprüngliche nachricht-----", "----- ursprüngliche nachricht -----", "-----message d'origine-----",
            "-----mensaje original-----", "-----oorspronkelijk bericht-----", "---------- forwarded message",
            "-------- original message", "---------- weitergeleitete nachricht", "-------- message transféré",
            "---------- mensaje reenviado", "---------- doorgestuurd bericht", "begin forwarded message:");
    private static final Pattern HEADER_FROM = Pattern.compile("(?iu)^\\*?(from|von|de|van|da)\\s?:\\*?\\s.*");
    private static final Pattern HEADER_SENT = Pattern.compile(
            "(?iu)^\\*?(sent|date|gesendet|datum|envoyé|date d'envoi|enviado|fecha|verzonden|verstuurd|datum)\\s?:.*");
    private static final List<String> WROTE = List.of("wrote:", "schrieb:", "a écrit :", "a écrit:", "escribió:", "schreef:",
            "geschreven:");
    private static final List<String> WROTE_STARTS = List.of("on ", "am ", "le ", "el ", "op ");
    private static final List<String> CLOSINGS = List.of("best regards", "kind regards", "regards", "best", "cheers", "thanks",
            "thank you", "many thanks", "thanks in advance", "br", "kr", "warm regards", "sincerely", "yours sincerely",
            "mit freundlichen grüßen", "mit freundlichen grüssen", "mfg", "viele grüße", "viele grüsse", "beste grüße",
            "freundliche grüße", "liebe grüße", "lg", "gruß", "grüße", "danke", "vielen dank",
            "cordialement", "bien cordialement", "bien à vous", "salutations", "meilleures salutations", "merci",
            "merci d'avance", "bonne journée", "saludos", "un saludo", "saludos cordiales", "atentamente", "gracias",
            "muchas gracias", "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "groeten",
            "groet", "mvg", "bedankt", "alvast bedankt", "with best regards", "with kind regards", "with regards", "best wishes",
            "all the best", "yours faithfully", "yours truly", "thanks a lot", "thanks again", "thank you in advance", "many thanks in advance",
            "mit besten grüßen", "mit freundlichem gruß", "mit freundlichem gruss", "schöne grüße", "herzliche grüße",
            "danke im voraus", "vielen dank im voraus", "hochachtungsvoll", "merci beaucoup", "merci par avance",
            "cordiales salutations", "bien à toi", "un cordial saludo", "cordiales saludos", "un abrazo", "gracias de antemano", "muchas gracias de antemano", "hartelijke groet", "hartelijke groeten", "groetjes",
            "alvast dank", "bij voorbaat dank");
    /** Formal closings that open a line of their own, long as it may be: "Je vous prie d'agréer, Madame, …". */
    private static final List<String> FORMAL_CLOSINGS = List.of("je vous prie d'agréer", "je vous prie de croire",
            "je vous prie de recevoir", "veuillez agréer", "veuillez recevoir", "dans l'attente de votre", "en vous remerciant",
            "je vous remercie par avance", "je vous remercie d'avance", "quedo a la espera", "quedo a su disposición",
            "quedo a vuestra disposición", "quedo atento", "quedo atenta", "sin otro particular", "a la espera de su respuesta",
            "reciba un cordial saludo", "i thank you in advance", "thank you in advance for", "thanking you in advance",
            "looking forward to hearing", "looking forward to your", "i look forward to", "ich bedanke mich im voraus",
            "ich bedanke mich vorab", "vielen dank im voraus für", "für rückfragen stehe ich", "in afwachting van",
            "ik hoor graag van u", "bij voorbaat dank voor");
    private static final List<String> CLOSINGS_LONGEST_FIRST = CLOSINGS.stream()
            .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    private static final List<String> MOBILE = List.of("sent from my", "get outlook for", "von meinem iphone gesendet",
            "von meinem samsung", "gesendet von", "envoyé de mon", "envoyé depuis", "enviado desde mi", "enviado desde",
            "verzonden vanaf mijn", "verstuurd vanaf mijn");
    private static final List<String> DISCLAIMERS = List.of("this email and any", "this e-mail and any", "this message and any",
            "this message is intended", "this email is intended", "this e-mail is intended", "confidentiality notice",
            "confidentiality note", "disclaimer:", "the information contained in this", "the information in this e-mail",
            "if you are not the intended recipient", "diese e-mail enthält", "diese nachricht enthält", "diese e-mail ist",
            "ce message et toutes", "ce message est", "ce courriel", "ce courrier électronique", "este mensaje y",
            "este mensaje es", "este correo", "la información contenida", "dit e-mailbericht", "dit bericht is",
            "de informatie in dit", "aan dit bericht kunnen");

    /** "PS", "P.S.:", "PPS", "NB -": a postscript, below a signature, still the requester's text. */
    private static final Pattern POSTSCRIPT = Pattern.compile("(?i)(?:p\\.? ?p?\\.? ?s\\.?|n\\.? ?b\\.?)(?=[\\s:,-])");

    /** A line a ticket form or portal puts above the request: where it came from, no words of the requester. */
    private static final List<String> METADATA = List.of("submitted via ", "submitted through ", "sent via the ", "created via ",
            "logged via ", "ticket created from ", "eingereicht über ", "erstellt über ", "soumis via ", "créé via ",
            "enviado a través de ", "creado desde ", "ingediend via ", "aangemaakt via ");

    /** The requester's text of a description (null: empty). */
    public static RequestText of(String description) {
        if (description == null || description.isEmpty()) {
            return new RequestText("", "", false);
        }
        String[] lines = description.split("\r\n|\r|\n", -1);
        StringBuilder request = new StringBuilder();
        StringBuilder aside = new StringBuilder();
        boolean cut = false;
        boolean quotes = false;
        boolean textSeen = false;
        // set aside from a closing or signature on, no quoted history seen since: a postscript is the requester's again
        boolean signedOff = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!cut) {
                String inline = beforeInlineSeparator(line);
                if (inline != null) {
                    append(request, inline);
                    append(aside, line.substring(inline.length()));
                    cut = true;
                    quotes = true;
                    continue;
                }
                Kind kind = startsSetAside(lines, i, textSeen);
                cut = kind != null;
                quotes = kind == Kind.QUOTE;
                signedOff = kind == Kind.SIGNATURE;
            } else if (signedOff && startsSetAside(lines, i, false) == Kind.QUOTE) {
                signedOff = false;
            }
            if (signedOff && POSTSCRIPT.matcher(line.strip()).lookingAt()) {
                // "P.S. and Ben's too": the requester writes on below the signature
                append(request, line);
                continue;
            }
            if (!cut && line.length() <= MARKER_LINE && METADATA.stream().anyMatch(line.strip().toLowerCase(Locale.ROOT)::startsWith)) {
                // "Submitted via ACME Client Portal": set aside, the request goes on below it
                append(aside, line);
                continue;
            }
            if (!cut && line.stripLeading().startsWith(">")) {
                quotes = true;
            }
            if (cut || line.stripLeading().startsWith(">")) {
                append(aside, line);
            } else {
                append(request, line);
                // a request, not a greeting ("Hi,") alone, comes before a closing
                textSeen |= line.strip().split("\\s+").length >= 3;
            }
        }
        return new RequestText(request.toString().strip(), aside.toString().strip(), quotes);
    }

    /** Most lines a signature without a closing may have below the name: title, company, telephone, address. */
    private static final int SIGNATURE_LINES = 6;
    /** Longest line of such a signature. */
    private static final int SIGNATURE_LINE = 80;

    /**
     * This text with a signature that starts with the requester's own name on a line of its own, below the request and
     * with no closing before it ("Thabo Nkosi\nLogistics Coordinator\nCell: 082 555 0142"), set aside too: its job
     * titles, company and address are no request. The name alone, the first name alone, or the name followed by a
     * title ("Tom Harris | Surveyor", "Tom Harris, Surveyor"); at most {@value #SIGNATURE_LINES} short lines below it.
     *
     * @param requesterName the requester's name, as Autotask has it (empty: unknown, nothing changes)
     */
    public RequestText signedBy(String requesterName) {
        if (requesterName == null || requesterName.isBlank() || request.isEmpty()) {
            return this;
        }
        String name = plain(requesterName.strip().toLowerCase(Locale.ROOT));
        String first = name.split("\\s+")[0];
        String[] lines = request.split("\\R", -1);
        boolean textSeen = false;
        // set aside from a closing or signature on, no quoted history seen since: a postscript is the requester's again
        boolean signedOff = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (textSeen && line.length() <= SIGNATURE_LINE && isName(plain(line.toLowerCase(Locale.ROOT)), name, first)
                    && shortRest(lines, i + 1)) {
                String before = String.join("\n", java.util.Arrays.asList(lines).subList(0, i)).strip();
                String signature = String.join("\n", java.util.Arrays.asList(lines).subList(i, lines.length)).strip();
                return new RequestText(before, setAside.isEmpty() ? signature : signature + "\n" + setAside, quotes);
            }
            textSeen |= line.split("\\s+").length >= 3;
        }
        return this;
    }

    /** Most words on a line of such a signature: "Harris & Co Surveyors | Part of the ACME Group", no sentence. */
    private static final int SIGNATURE_WORDS = 8;

    /** "tom harris", "tom", "tom harris | surveyor", "tom harris, surveyor", "tom harris (sales)" — not "tom harris rang in". */
    private static boolean isName(String line, String name, String first) {
        if (line.equals(name) || line.equals(first)) {
            return true;
        }
        String rest = line.startsWith(name) ? line.substring(name.length()).stripLeading() : "";
        return name.contains(" ") && !rest.isEmpty() && ",|(/-–".indexOf(rest.charAt(0)) >= 0
                && words(rest) <= SIGNATURE_WORDS;
    }

    /** Whether the lines from {@code from} on are few and short, as a signature's are (blank ones counted, but less). */
    private static boolean shortRest(String[] lines, int from) {
        int count = 0;
        int blank = 0;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                if (++blank > 3 * SIGNATURE_LINES) {
                    return false;
                }
                continue;
            }
            if (++count > SIGNATURE_LINES || line.length() > SIGNATURE_LINE || words(line) > SIGNATURE_WORDS
                    || POSTSCRIPT.matcher(line).lookingAt()) {
                return false;
            }
        }
        return true;
    }

    /** Words of a line, signs such as "|" and "&" not counted. */
    private static int words(String line) {
        int words = 0;
        for (String part : line.split("\\s+")) {
            words += part.chars().anyMatch(Character::isLetterOrDigit) ? 1 : 0;
        }
        return words;
    }

    /** "Siobhán" → "siobhan": a name written without its accents is the same name. */
    private static String plain(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** What a line starts: quoted history (or a forwarded message), or a signature or disclaimer. */
    private enum Kind { QUOTE, SIGNATURE }

    /** Whether anything was set aside. */
    public boolean cut() {
        return !setAside.isEmpty();
    }

    private static Kind startsSetAside(String[] lines, int i, boolean textSeen) {
        String line = lines[i].strip();
        if (line.length() > MARKER_LINE) {
            return null;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("____") || SEPARATORS.stream().anyMatch(lower::startsWith)) {
            return Kind.QUOTE;
        }
        // "-- Logged by MSP Service Desk (JW)", "-- Alice": a sign-off line below the text
        if (textSeen && (lower.startsWith("-- ") || lower.startsWith("— ")) && !lower.substring(3).isBlank()) {
            return Kind.SIGNATURE;
        }
        if (lower.equals("--") || lower.equals("—") || MOBILE.stream().anyMatch(lower::startsWith)
                || DISCLAIMERS.stream().anyMatch(lower::startsWith)) {
            return Kind.SIGNATURE;
        }
        if (HEADER_FROM.matcher(line).matches()) {
            for (int next = i + 1; next < lines.length && next <= i + 4; next++) {
                String header = lines[next].strip();
                if (header.length() <= MARKER_LINE && HEADER_SENT.matcher(header).matches()) {
                    return Kind.QUOTE;
                }
            }
        }
        if (WROTE_STARTS.stream().anyMatch(lower::startsWith)) {
            // mail clients may wrap the line before "wrote:"
            String joined = i + 1 < lines.length && lines[i + 1].strip().length() <= MARKER_LINE
                    ? lower + " " + lines[i + 1].strip().toLowerCase(Locale.ROOT) : lower;
            if ((wrote(lower) || wrote(joined)) && (joined.chars().anyMatch(Character::isDigit) || joined.contains("@"))) {
                return Kind.QUOTE;
            }
        }
        return textSeen && (isClosing(lower) || FORMAL_CLOSINGS.stream().anyMatch(lower::startsWith)) ? Kind.SIGNATURE : null;
    }

    /**
     * A person's name: one to three capitalised words, a title and initials before it ("Dr. Klaus Hoffmann", "Mrs R.
     * Okafor", "J. P. Morgan") left out.
     */
    private static final Pattern SIGNED = Pattern.compile(
            "^(?:(?:Dr|Prof|Mr|Mrs|Ms|Miss|Mme|M|Sr|Sra|Dhr|Mevr|Ing|Mag)\\.? {1,3})?(?:\\p{Lu}\\. {0,2}){0,3}(\\p{Lu}\\p{Ll}{1,40}(?:[ -]\\p{Lu}\\p{Ll}{1,40}){0,2})(?:$|[ ,|(/<\\t-].{0,200}$)");

    /**
     * The name a signature set aside starts with: on the closing's line ("Thanks, Tom") or on the next line
     * ("Kind regards,\nTom Baker | Sales"); empty when what was set aside starts otherwise (quoted history).
     */
    static String signedName(String setAside) {
        String[] lines = setAside.strip().split("\r\n|\r|\n", 4);
        if (lines.length == 0 || !isClosing(lines[0].strip().toLowerCase(Locale.ROOT))) {
            return "";
        }
        String closing = lines[0].strip();
        String lower = closing.toLowerCase(Locale.ROOT);
        for (String words : CLOSINGS_LONGEST_FIRST) {
            if (lower.startsWith(words + ",") || lower.startsWith(words + " ")) {
                String rest = closing.substring(words.length()).replaceFirst("^[,\\s]+", "").strip();
                if (!rest.isEmpty()) {
                    Matcher name = SIGNED.matcher(rest);
                    return name.matches() ? name.group(1) : "";
                }
            }
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty()) {
                Matcher name = SIGNED.matcher(line);
                return name.matches() ? name.group(1) : "";
            }
        }
        return "";
    }

    /** "… wrote:", "… schrieb Bob <bob@example.com>:", "… a écrit :". */
    private static boolean wrote(String lower) {
        return WROTE.stream().anyMatch(lower::endsWith)
                || lower.endsWith(":") && (lower.contains(" schrieb ") || lower.contains(" schreef ") || lower.contains(" wrote "));
    }

    /** "Kind regards", "Kind regards,", "Thanks, Alice": a closing alone on its line, perhaps with a name of two words. */
    private static boolean isClosing(String lower) {
        int end = lower.length();
        while (end > 0 && !Character.isLetterOrDigit(lower.charAt(end - 1))) {
            end--;
        }
        String bare = lower.substring(0, end);
        if (bare.length() > 40) {
            return false;
        }
        for (String closing : CLOSINGS) {
            if (bare.equals(closing)) {
                return true;
            }
            if (bare.startsWith(closing + " ") || bare.startsWith(closing + ",")) {
                String name = bare.substring(closing.length() + 1).strip();
                if (!name.isEmpty() && name.split("\\s+").length <= 2 && name.chars().allMatch(c -> Character.isLetter(c) || c == ' ' || c == '-')) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The part of a line before an inline "-----Original Message-----" (mail flattened to one line), or null. */
    private static String beforeInlineSeparator(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String separator : SEPARATORS) {
            int found = lower.indexOf(separator);
            if (found > 0 && (at < 0 || found < at)) {
                at = found;
            }
        }
        return at > 0 ? line.substring(0, at) : null;
    }

    private static void append(StringBuilder to, String line) {
        if (!to.isEmpty()) {
            to.append('\n');
        }
        to.append(line);
    }
}
