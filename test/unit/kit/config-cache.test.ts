import { ConfigCache } from '../../../functions/kit/config/cache';
import { ParameterSet } from '../../../functions/kit/config/parameters';
import { ConfigTooStaleError, ConfigUnavailableError, ConfigValidationError } from '../../../functions/kit/errors';

/** A loader we control: each call returns a promise the test resolves or rejects. */
function controlledLoader() {
  const pending: { resolve: (p: ParameterSet) => void; reject: (e: unknown) => void }[] = [];
  let calls = 0;
  const load = () => {
    calls += 1;
    return new Promise<ParameterSet>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const set = (version: string) => new ParameterSet([{ name: 'app/message', value: version, secure: false }]);
  return {
    load,
    get calls() {
      return calls;
    },
    succeed: (version: string) => pending.shift()?.resolve(set(version)),
    fail: (err: unknown = new Error('ThrottlingException')) => pending.shift()?.reject(err),
    get pending() {
      return pending.length;
    },
  };
}

const parse = (p: ParameterSet) => ({ message: p.get('app/message') ?? '' });
const flush = () => new Promise((r) => setImmediate(r));

function setup(overrides: { ttlMs?: number; maxStaleMs?: number } = {}) {
  const clock = { t: 0 };
  const loader = controlledLoader();
  const backgroundErrors: unknown[] = [];
  const cache = new ConfigCache({
    load: loader.load,
    parse,
    ttlMs: overrides.ttlMs ?? 1_000,
    maxStaleMs: overrides.maxStaleMs ?? 10_000,
    now: () => clock.t,
    onBackgroundError: (e) => backgroundErrors.push(e),
  });
  return { clock, loader, cache, backgroundErrors };
}

async function loaded(s: ReturnType<typeof setup>, version = 'v1') {
  s.cache.start();
  s.loader.succeed(version);
  return s.cache.get();
}

describe('ConfigCache', () => {
  it('starts the first load on start(), before any get(), and get() joins it', async () => {
    // Prepare
    const s = setup();
    // Act
    s.cache.start();
    const callsBeforeGet = s.loader.calls;
    const got = s.cache.get();
    s.loader.succeed('v1');
    // Assess
    expect(callsBeforeGet).toBe(1);
    expect((await got).config.message).toBe('v1');
    expect(s.loader.calls).toBe(1);
  });

  it('serves from memory while younger than the TTL', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    // Act
    s.clock.t = 999;
    const got = await s.cache.get();
    // Assess
    expect(got.config.message).toBe('v1');
    expect(s.loader.calls).toBe(1);
  });

  it('returns the stale copy at once past the TTL and refreshes in the background (SWR never blocks)', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    s.clock.t = 1_500;
    // Act: the refresh is left pending; get() must not wait for it.
    const got = await s.cache.get();
    // Assess
    expect(got.config.message).toBe('v1');
    expect(s.loader.calls).toBe(2);
    expect(s.loader.pending).toBe(1);
    s.loader.succeed('v2');
    await flush();
    expect((await s.cache.get()).config.message).toBe('v2');
  });

  it('shares one fetch among many concurrent callers (single-flight)', async () => {
    // Prepare
    const s = setup();
    // Act
    const gets = Array.from({ length: 25 }, () => s.cache.get());
    s.loader.succeed('v1');
    const results = await Promise.all(gets);
    // Assess
    expect(s.loader.calls).toBe(1);
    expect(new Set(results.map((r) => r.config.message))).toEqual(new Set(['v1']));
  });

  it('starts only one background refresh however many stale reads happen', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    s.clock.t = 2_000;
    // Act
    await Promise.all(Array.from({ length: 10 }, () => s.cache.get()));
    // Assess
    expect(s.loader.calls).toBe(2);
  });

  it('keeps serving the stale copy when a background refresh fails within max staleness (stale-if-error)', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    s.clock.t = 5_000;
    // Act
    const got = await s.cache.get();
    s.loader.fail();
    await flush();
    const again = await s.cache.get();
    // Assess
    expect(got.config.message).toBe('v1');
    expect(again.config.message).toBe('v1');
    expect(s.backgroundErrors).toHaveLength(1);
  });

  it('fails with ConfigTooStaleError when past max staleness and the refresh fails', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    s.clock.t = 10_001;
    // Act
    const got = s.cache.get();
    s.loader.fail();
    // Assess
    await expect(got).rejects.toBeInstanceOf(ConfigTooStaleError);
    await expect(got).rejects.toMatchObject({ code: 'ECONFIGTOOSTALE', ageMs: 10_001 });
  });

  it('waits for a refresh past max staleness and serves the new copy when it succeeds', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    s.clock.t = 20_000;
    // Act
    const got = s.cache.get();
    s.loader.succeed('v2');
    // Assess
    expect((await got).config.message).toBe('v2');
  });

  it('fails with ConfigUnavailableError keeping the cause when nothing was ever loaded', async () => {
    // Prepare
    const s = setup();
    const cause = new Error('AccessDeniedException');
    // Act
    const got = s.cache.get();
    s.loader.fail(cause);
    // Assess
    await expect(got).rejects.toBeInstanceOf(ConfigUnavailableError);
    await expect(got).rejects.toMatchObject({ code: 'ECONFIGUNAVAILABLE', cause });
  });

  it('retries the load on the next get() after a failed first load', async () => {
    // Prepare
    const s = setup();
    const first = s.cache.get();
    s.loader.fail();
    await expect(first).rejects.toThrow();
    // Act
    const second = s.cache.get();
    s.loader.succeed('v1');
    // Assess
    expect((await second).config.message).toBe('v1');
    expect(s.loader.calls).toBe(2);
  });

  it('fetches on a forced refresh even while fresh', async () => {
    // Prepare
    const s = setup();
    await loaded(s);
    // Act
    const refreshed = s.cache.refresh();
    s.loader.succeed('v2');
    // Assess
    expect((await refreshed).config.message).toBe('v2');
    expect(s.loader.calls).toBe(2);
  });

  it('does not answer a forced refresh with a fetch begun before it, but waits for it and fetches again', async () => {
    // Prepare: a background refresh under way (e.g. pending across freezes), then the value changes.
    const s = setup();
    await loaded(s);
    s.clock.t = 1_500;
    await s.cache.get();
    expect(s.loader.pending).toBe(1);
    // Act
    const refreshed = s.cache.refresh();
    const alongside = s.cache.refresh();
    s.loader.succeed('v2, read before the change');
    await flush();
    s.loader.succeed('v3, read after refresh()');
    // Assess
    expect((await refreshed).config.message).toBe('v3, read after refresh()');
    expect((await alongside).config.message).toBe('v3, read after refresh()');
    expect(s.loader.calls).toBe(3);
  });

  it('surfaces a validation error on the first load, naming the parameter', async () => {
    // Prepare
    const cache = new ConfigCache({
      load: async () => new ParameterSet([]),
      parse: () => {
        throw new ConfigValidationError('db/port', 'must be an integer');
      },
    });
    // Act / Assess
    await expect(cache.get()).rejects.toMatchObject({
      name: 'ConfigValidationError',
      code: 'ECONFIGINVALID',
      parameter: 'db/port',
    });
  });

  it('keeps the previous copy when a refreshed one fails validation', async () => {
    // Prepare
    let valid = true;
    let t = 0;
    const cache = new ConfigCache({
      load: async () => new ParameterSet([]),
      parse: () => {
        if (!valid) throw new ConfigValidationError('app/feature-flags', 'is bad');
        return { ok: t };
      },
      ttlMs: 10,
      maxStaleMs: 100,
      now: () => t,
    });
    await cache.get();
    valid = false;
    t = 50;
    // Act
    const got = await cache.refresh();
    // Assess
    expect(got.config).toEqual({ ok: 0 });
    expect(cache.lastError).toBeInstanceOf(ConfigValidationError);
  });

  it('never leaves an unhandled rejection when a started load fails and nobody awaits it', async () => {
    // Prepare
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const cache = new ConfigCache({ load: async () => Promise.reject(new Error('frozen mid-fetch')), parse });
    try {
      // Act
      cache.start();
      await flush();
      await flush();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    // Assess
    expect(unhandled).toEqual([]);
    expect(cache.lastError).toBeInstanceOf(Error);
  });

  it('rejects maxStaleMs below ttlMs naming the option', () => {
    // Prepare / Act / Assess
    expect(
      () => new ConfigCache({ load: async () => new ParameterSet([]), parse, ttlMs: 100, maxStaleMs: 50 }),
    ).toThrow(/maxStaleMs.*50/);
  });
});
