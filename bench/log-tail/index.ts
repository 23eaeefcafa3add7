/** Reading Lambda's per-invocation log tail: the REPORT line's Duration, Init Duration and memory. */

export { ReportLineMalformedError, ReportLineNotFoundError } from './errors';
export { parseReportFromLogResult, parseReportLine, type ReportLine } from './report-line';
