package io.tocsin.shared;

/** An {@code If-Match} that no longer matches the stored version; answered with 412. */
public class PreconditionFailedException extends RuntimeException {

    private final long currentVersion;

    public PreconditionFailedException(long expected, long currentVersion) {
        super("The resource was changed by someone else (you sent version " + expected + ", it is now at "
                + currentVersion + "); reload and apply your change again");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
