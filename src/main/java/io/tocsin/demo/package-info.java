/**
 * A small, realistic organisation for newcomers (start with {@code --demo}): teams, people, services, products
 * and a few past and open incidents with timelines.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package io.tocsin.demo;
