package io.tocsin.shared.web;

/** A request body over the REST API's limit; answered with 413. */
class BodyTooLargeException extends RuntimeException {

    final int limit;

    BodyTooLargeException(int limit) {
        super("Request body larger than " + limit / 1024 + " KB", null, false, false);
        this.limit = limit;
    }
}
