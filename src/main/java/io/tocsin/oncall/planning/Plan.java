package io.tocsin.oncall.planning;

import java.util.List;

import io.tocsin.oncall.Gap;
import io.tocsin.oncall.Shift;

/** The outcome for a time range: each layer's own shifts (after restrictions), the final shifts and the gaps. */
public record Plan(List<List<Shift>> layers, List<Shift> finalShifts, List<Gap> gaps) {
}
