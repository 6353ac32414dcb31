/**
 * The UI shell: layout, navigation, dashboard, language and time formatting, error pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI")
package io.tocsin.web;
