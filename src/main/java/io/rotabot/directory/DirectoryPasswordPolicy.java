package io.rotabot.directory;

/**
 * What a directory itself demands of passwords, where it can be read.
 *
 * @param minimumLength the shortest password it accepts
 * @param complexity whether it demands three of upper case, lower case, digits and symbols
 */
public record DirectoryPasswordPolicy(int minimumLength, boolean complexity) {

    /** The stricter of two. */
    public DirectoryPasswordPolicy and(DirectoryPasswordPolicy other) {
        return new DirectoryPasswordPolicy(Math.max(minimumLength, other.minimumLength), complexity || other.complexity);
    }
}
