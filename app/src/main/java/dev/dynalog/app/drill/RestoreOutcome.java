package dev.dynalog.app.drill;

/**
 * How a finished restore ended, as the report's headline and the exit code of {@code dynalog
 * restore} and {@code dynalog drill}.
 *
 * <p>Exit code 2 is kept for "the table was restored but it is not known to be right", so that a
 * script can tell a restore it must not trust (2) from one that did not happen (1). The commands
 * map invalid arguments to 1 for the same reason (picocli would use 2).
 */
public enum RestoreOutcome {
    /** COMPLETED and every digest check matched. */
    MATCH(0),
    /** COMPLETED but a check found the restored table or its replay differs from the log's digests. */
    MISMATCH(2),
    /** COMPLETED but the node could not check the result. */
    UNVERIFIED(2),
    /** The restore failed, or the command could not start or follow it. */
    FAILED(1);

    private final int exitCode;

    RestoreOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * The outcome of a finished restore. A COMPLETED status without a verification result counts
     * as UNVERIFIED: nothing vouches for it.
     *
     * @throws IllegalArgumentException when the restore is still running
     */
    public static RestoreOutcome of(RestoreStatus status) {
        if (!status.finished()) {
            throw new IllegalArgumentException("The restore into " + status.targetTableName() + " is still "
                    + status.status());
        }
        if (RestoreStatus.FAILED.equals(status.status())) {
            return FAILED;
        }
        String result = status.verification().result();
        if ("MATCH".equals(result)) {
            return MATCH;
        }
        return "MISMATCH".equals(result) ? MISMATCH : UNVERIFIED;
    }
}
