package io.tocsin.reports;

import java.util.List;

/**
 * How unevenly a load (pages, night pages, hours on call) falls on the people of a team. Pure.
 * <ul>
 * <li>coefficient of variation: the standard deviation (of the population) divided by the mean; 0 is perfectly
 * even, 0.5 means a typical person is half the mean away from it;</li>
 * <li>max/min ratio: the busiest person's load over the quietest's; null when the quietest had none (infinitely
 * uneven) or nobody had any.</li>
 * </ul>
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "ReportFairness")
public record Fairness(int people, double mean, Double coefficientOfVariation, Double maxMinRatio, double max,
        double min) {

    public static Fairness of(List<? extends Number> loads) {
        if (loads.isEmpty()) {
            return new Fairness(0, 0, null, null, 0, 0);
        }
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (var n : loads) {
            double v = n.doubleValue();
            sum += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        double mean = sum / loads.size();
        double squares = 0;
        for (var n : loads) {
            squares += (n.doubleValue() - mean) * (n.doubleValue() - mean);
        }
        Double cv = mean == 0 ? null : Math.sqrt(squares / loads.size()) / mean;
        Double ratio = min == 0 ? null : max / min;
        return new Fairness(loads.size(), mean, cv, ratio, max, min);
    }
}
