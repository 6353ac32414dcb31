package io.tocsin.importer.internal;

/**
 * The source refused or failed a request: {@code status} is what it answered (0: not reached), {@code field} the
 * input at fault when it is the caller's ({@code apiKey} for a refused key), else null.
 */
public class SourceException extends RuntimeException {

    private final int status;
    private final String field;

    public SourceException(String message, int status, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
