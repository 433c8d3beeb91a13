package io.rotabot.policy;

import io.rotabot.security.Secret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.passay.DefaultPasswordValidator;
import org.passay.PasswordData;
import org.passay.UnicodeString;
import org.passay.data.CharacterData;
import org.passay.data.EnglishCharacterData;
import org.passay.rule.CharacterRule;
import org.passay.rule.LengthRule;
import org.passay.rule.Rule;
import org.passay.rule.UsernameRule;
import org.springframework.stereotype.Component;

/** Generates passwords with Passay from a secure random source and checks each against the policy before use. */
@Component
public class PasswordGenerator {

    /** Symbols every directory, JSON body and shell quoting survives: no quotes, backslash or space. */
    static final CharacterData SAFE_SYMBOLS = new CharacterData() {
        @Override
        public String getErrorCode() {
            return "INSUFFICIENT_SPECIAL";
        }

        @Override
        public String getCharacters() {
            return "!#$%&()*+,-./:;<=>?@[]^_{|}~";
        }
    };
    private static final int ATTEMPTS = 10;

    private final SecureRandom random = new SecureRandom();

    /** A password under the policy that does not contain the account's user name. */
    public Secret generate(PasswordPolicy policy, String username) {
        List<Rule> classes = characterRules(policy);
        org.passay.generate.PasswordGenerator generator =
                new org.passay.generate.PasswordGenerator(random, policy.length(), policy.length(), classes);
        List<Rule> checks = new ArrayList<>(classes);
        checks.add(new LengthRule(policy.length(), policy.length()));
        checks.add(new UsernameRule(true, true));
        DefaultPasswordValidator validator = new DefaultPasswordValidator(checks);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            UnicodeString candidate = generator.generate();
            PasswordData data = new PasswordData(username == null ? "" : username, candidate);
            try {
                if (validator.validate(data).isValid()) {
                    return Secret.of(candidate);
                }
            } finally {
                candidate.clear();
            }
        }
        throw new IllegalStateException("No password under " + policy + " passed its own checks in " + ATTEMPTS + " tries");
    }

    private static List<Rule> characterRules(PasswordPolicy policy) {
        List<Rule> rules = new ArrayList<>();
        if (policy.uppercase()) {
            rules.add(new CharacterRule(EnglishCharacterData.UpperCase, 1));
        }
        if (policy.lowercase()) {
            rules.add(new CharacterRule(EnglishCharacterData.LowerCase, 1));
        }
        if (policy.digit()) {
            rules.add(new CharacterRule(EnglishCharacterData.Digit, 1));
        }
        if (policy.symbol()) {
            rules.add(new CharacterRule(SAFE_SYMBOLS, 1));
        }
        return rules;
    }
}
