package io.rotabot.matching;

/** Where a directory account stands in matching. Only Matched accounts are ever rotated. */
public enum MatchState {
    /** Not approved: with zero, one (green) or several (grey) suggested records. */
    UNMATCHED,
    /** Approved by a person: the account's password is rotated into its vault record. */
    MATCHED,
    /** Set aside by a person: not offered again and not counted as unmatched. */
    IGNORED
}
