/** The benchmark's statistics: pure functions over arrays of numbers (milliseconds, megabytes). */

export { InsufficientSamplesError, InvalidSampleError, StatsArgumentError, StatsError } from './errors';
export { percentile, percentileOfSorted } from './percentile';
export { RATIO_METHOD, type RatioEstimate, ratioOfMeans, ratioOfMeansOrNull, ratioVerdict } from './ratio';
export { studentTCdf, studentTQuantile } from './student-t';
export {
  type Interval,
  mean,
  meanConfidenceInterval95,
  positiveMeanInterval95,
  type Summary,
  stddev,
  summary,
  summaryOrNull,
} from './summary';
