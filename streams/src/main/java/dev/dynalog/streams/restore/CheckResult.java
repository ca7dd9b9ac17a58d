package dev.dynalog.streams.restore;

/** The outcome of comparing two sets of figures. */
public enum CheckResult {
    MATCH,
    MISMATCH,
    /** Nothing to compare with: the log holds no digest at or before the cut. */
    NO_DIGEST;

    public static CheckResult of(Figures expected, Figures actual) {
        return expected.matches(actual) ? MATCH : MISMATCH;
    }
}
