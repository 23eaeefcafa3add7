export { type SmokeCheck, type SmokeRow, smokeChecks, smokeDefaults } from './checks';
export { httpGetter, type SmokeAnswer, type SmokeGet, SmokeRequestError } from './http';
export { parseSmokeArgs, SMOKE_USAGE, type SmokeOptions, smokeOptionDefaults } from './options';
export { formatSmokeTable, runSmoke } from './run';
