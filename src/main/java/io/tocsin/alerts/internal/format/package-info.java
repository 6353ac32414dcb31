/**
 * The ingest wire formats as pure mappers (issues 10 and 17): each turns a vendor payload into signals Tocsin
 * can always store, or into the field errors its sender must be told about. Text is normalised on the way in
 * (characters PostgreSQL refuses replaced, over-long fields cut with a marker, dates clamped) and every such
 * change is written into the alert's details, so no alert is lost to its content and none is silently altered.
 * No I/O here: the controllers in {@code alerts.web} authenticate, limit and answer in the sender's shape.
 */
package io.tocsin.alerts.internal.format;
