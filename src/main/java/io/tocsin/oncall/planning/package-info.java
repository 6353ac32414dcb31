/**
 * The pure planning model of schedules (rotations, shift lengths, restrictions, overrides) and the
 * {@link io.tocsin.oncall.planning.ShiftPlanner}. Exposed so other modules (the importer) can state a schedule in
 * Tocsin's own terms and hand it to {@link io.tocsin.oncall.ScheduleImport}.
 */
@org.springframework.modulith.NamedInterface("planning")
package io.tocsin.oncall.planning;
