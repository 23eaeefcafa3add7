/** The benchmark's statistics: pure functions over arrays of numbers (milliseconds, megabytes). */
export { percentile, percentileOfSorted } from './percentile';
export { mean, stddev, meanConfidenceInterval95, summary, summaryOrNull, type Summary, type Interval } from './summary';
export { ratioOfMeans, ratioOfMeansOrNull, RATIO_METHOD, type RatioEstimate } from './ratio';
export { studentTCdf, studentTQuantile } from './student-t';
export { StatsError, InsufficientSamplesError, InvalidSampleError, StatsArgumentError } from './errors';
