/**
 * Tiny building blocks every module may use: the injected clock, error types that map to RFC 9457 problems.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package io.tocsin.shared;
