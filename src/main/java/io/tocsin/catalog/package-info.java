/**
 * The services an incident can be blamed on (with the built-in "Unknown") and the products customers see.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package io.tocsin.catalog;
