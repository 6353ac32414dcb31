package io.tocsin.shared;

/** An id or key that names nothing; answered with 404. */
public class NotFoundException extends RuntimeException {

    private final String resource;
    private final String identifier;

    public NotFoundException(String resource, Object identifier) {
        super(resource + " '" + identifier + "' does not exist");
        this.resource = resource;
        this.identifier = String.valueOf(identifier);
    }

    public String resource() {
        return resource;
    }

    public String identifier() {
        return identifier;
    }
}
