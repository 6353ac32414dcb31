/**
 * Public and private status pages (issue 11; R22 external side, R23, R25): pages with components in groups that
 * follow the catalog's services, public incidents published from Tocsin incidents and appended to by their
 * external updates, e-mail subscribers with double opt-in, and the Statuspage-compatible v2 JSON. Every public
 * read is served from an in-memory snapshot rebuilt on change, so pages stay fast and keep answering when the
 * database does not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Status pages")
package io.tocsin.statuspage;
