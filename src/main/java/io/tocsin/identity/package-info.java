/**
 * Users, teams and memberships, roles, personal API tokens, login and the audit log of who changed what.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package io.tocsin.identity;
