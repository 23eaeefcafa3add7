/** Reading Lambda's per-invocation log tail: the REPORT line's Duration, Init Duration and memory. */
export { parseReportLine, parseReportFromLogResult, type ReportLine } from './report-line';
export { ReportLineNotFoundError, ReportLineMalformedError } from './errors';
