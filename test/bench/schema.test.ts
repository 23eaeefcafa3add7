import {
  assembleResults,
  type BenchResults,
  parseResults,
  ResultsSchemaError,
  type Sample,
  toSample,
  validateResults,
} from '../../bench/schema';
import { summary } from '../../bench/stats';
import { syntheticResults } from './synthetic-results';

/** A deep, mutable copy to break one field of. */
const copy = (): any => JSON.parse(JSON.stringify(syntheticResults({ seed: 3, coldStarts: 4, warmInvocations: 8 })));

describe('results schema validator', () => {
  it('accepts a complete results file, also after a JSON round trip', () => {
    // Prepare
    const results = syntheticResults({ seed: 3 });
    // Act / Assess
    expect(() => validateResults(results)).not.toThrow();
    expect(parseResults(JSON.stringify(results))).toEqual(results);
  });

  it('accepts unknown extra fields, so additive changes within a schema version stay readable', () => {
    // Prepare
    const results = copy();
    results.region = 'eu-west-1';
    results.functions[0].samples[0].xrayTraceId = '1-abc';
    // Act / Assess
    expect(() => validateResults(results)).not.toThrow();
  });

  it.each([
    [
      'a sample with a text duration',
      (r: any) => (r.functions[1].samples[3].durationMs = '12 ms'),
      'functions[1].samples[3].durationMs',
      /a finite number ≥ 0 or null, got "12 ms"/,
    ],
    ['an unknown schema version', (r: any) => (r.schemaVersion = 1), 'schemaVersion', /must be 2/],
    ['an unknown target', (r: any) => (r.target = 'gcp'), 'target', /one of "local", "aws"/],
    ['a missing machine field', (r: any) => delete r.machine.cores, 'machine.cores', /an integer ≥ 1, got nothing/],
    [
      'an interval upside down',
      (r: any) => (r.functions[0].summaries.warm.clientMs.ci95 = [5, 1]),
      'functions[0].summaries.warm.clientMs.ci95',
      /lower ≤ upper/,
    ],
    [
      'an unknown phase',
      (r: any) => (r.functions[2].samples[0].phase = 'tepid'),
      'functions[2].samples[0].phase',
      /one of "cold"/,
    ],
    [
      'an instance ending before it started',
      (r: any) => (r.instances[0].endedAtMs = r.instances[0].createdAtMs - 1),
      'instances[0].endedAtMs',
      /≥ createdAtMs/,
    ],
    [
      'a ratio without its method',
      (r: any) => delete r.comparisons[0].naiveOverReuse.clientMs.method,
      'comparisons[0].naiveOverReuse.clientMs.method',
      /non-empty string/,
    ],
    ['a negative burst count', (r: any) => (r.bursts[0].throttled = -1), 'bursts[0].throttled', /integer ≥ 0/],
    ['a function listed twice', (r: any) => (r.functions[1].name = r.functions[0].name), 'functions[1].name', /unique/],
  ])('rejects %s with a message naming the field', (_name, breakIt, path, message) => {
    // Prepare
    const results = copy();
    breakIt(results);
    // Act
    let error: unknown;
    try {
      validateResults(results);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(ResultsSchemaError);
    expect(error).toMatchObject({ code: 'ERESULTSSCHEMA', path });
    expect((error as Error).message).toContain(`results.${path} `);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects text that is not JSON with a schema error', () => {
    // Act / Assess
    expect(() => parseResults('{"schemaVersion": 2,')).toThrow(
      expect.objectContaining({ code: 'ERESULTSSCHEMA', path: '(file)' }),
    );
  });
});

describe('assembleResults', () => {
  const base = {
    target: 'local' as const,
    startedAtMs: 1_000,
    finishedAtMs: 9_000,
    machine: { cpuModel: 'cpu', cores: 2, memoryBytes: 1024, os: 'linux', arch: 'x64', nodeVersion: '24.0.0' },
    versions: { project: '0.1.0', runtime: 'local', node: '24.0.0', sdk: '3.0.0' },
    settings: { coldStarts: 2, warmInvocations: 3, concurrency: 2, warmupsDiscarded: 1 },
    instances: [],
    generatedAt: '2026-11-27T12:00:00.000Z',
  };
  const sample = (phase: Sample['phase'], clientMs: number, statusCode = 200): Sample => ({
    phase,
    startedAtMs: 2_000,
    clientMs,
    durationMs: clientMs / 2,
    initDurationMs: phase === 'cold' ? 100 : null,
    maxMemoryUsedMb: 70,
    coldStart: phase === 'cold',
    instanceId: 'i-1',
    statusCode,
  });

  it('summarises each phase from answered requests only and derives the cold/warm ratio', () => {
    // Prepare: a 429 with a tiny latency must not pull the warm numbers down
    const samples = [
      sample('cold', 200),
      sample('cold', 220),
      sample('warm', 10),
      sample('warm', 12),
      sample('warm', 11),
      sample('warm', 1, 429),
    ];
    // Act
    const results: BenchResults = assembleResults({
      ...base,
      functions: [{ name: 'hello', memoryMb: 128, samples }],
      comparisons: [],
      bursts: [],
    });
    // Assess
    validateResults(results);
    const fn = results.functions[0]!;
    expect(fn.summaries.warm?.clientMs).toEqual(summary([10, 12, 11]));
    expect(fn.summaries.warm?.initDurationMs).toBeNull();
    expect(fn.summaries.cold?.initDurationMs).toEqual(summary([100, 100]));
    expect(fn.summaries['warm-concurrent']).toBeUndefined();
    expect(fn.coldOverWarm.clientMs?.estimate).toBeCloseTo(210 / 11, 12);
    expect(fn.samples).toHaveLength(6);
  });

  it('derives naive/reuse ratios and burst latency, and refuses a comparison with an unknown function', () => {
    // Prepare
    const functions = [
      {
        name: 'db',
        memoryMb: 256,
        samples: [sample('warm', 3), sample('warm', 4), sample('burst', 150), sample('burst', 170)],
      },
      { name: 'db-naive', memoryMb: 256, samples: [sample('warm', 30), sample('warm', 40)] },
    ];
    const burst = {
      function: 'db',
      concurrency: 2,
      startedAtMs: 5_000,
      requests: 2,
      environmentsBefore: 0,
      environmentsCreated: 2,
      coldStartsSeen: 2,
      throttled: 0,
      errors: 0,
    };
    // Act
    const results = assembleResults({
      ...base,
      functions,
      comparisons: [{ id: 'db', reuseFunction: 'db', naiveFunction: 'db-naive' }],
      bursts: [burst],
    });
    // Assess
    expect(results.comparisons[0]).toMatchObject({ phase: 'warm', naiveOverReuse: { clientMs: { estimate: 10 } } });
    expect(results.bursts[0]?.clientMs).toEqual(summary([150, 170]));
    expect(() =>
      assembleResults({
        ...base,
        functions,
        comparisons: [{ id: 'x', reuseFunction: 'config', naiveFunction: 'db-naive' }],
        bursts: [],
      }),
    ).toThrow(/comparison "x" names function "config"/);
  });
});

describe('toSample', () => {
  it('takes server-side numbers from the REPORT line and counts a failed invocation as an error', () => {
    // Prepare
    const report = {
      requestId: 'r',
      durationMs: 3000,
      billedDurationMs: 3000,
      memorySizeMb: 128,
      maxMemoryUsedMb: 70,
      initDurationMs: 120,
      coldStart: true,
      status: 'timeout',
      errorType: null,
    };
    // Act
    const timedOut = toSample({
      phase: 'cold',
      startedAtMs: 1,
      clientMs: 3010,
      report,
      instanceId: 'i',
      statusCode: 200,
    });
    const noReport = toSample({
      phase: 'warm',
      startedAtMs: 2,
      clientMs: 4,
      report: null,
      instanceId: null,
      statusCode: 200,
    });
    // Assess
    expect(timedOut).toEqual({
      phase: 'cold',
      startedAtMs: 1,
      clientMs: 3010,
      durationMs: 3000,
      initDurationMs: 120,
      maxMemoryUsedMb: 70,
      coldStart: true,
      instanceId: 'i',
      statusCode: 500,
    });
    expect(noReport).toMatchObject({
      durationMs: null,
      initDurationMs: null,
      maxMemoryUsedMb: null,
      coldStart: false,
      statusCode: 200,
    });
  });
});
