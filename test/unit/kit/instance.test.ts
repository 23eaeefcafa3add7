import { createInstance } from '../../../functions/kit/instance';

describe('Instance', () => {
  it('reports coldStart only on the first invocation of an environment', () => {
    // Prepare
    const inst = createInstance();
    // Act
    const first = inst.beginInvocation();
    const second = inst.beginInvocation();
    const third = inst.beginInvocation();
    // Assess
    expect(first).toEqual({ invocation: 1, coldStart: true });
    expect(second).toEqual({ invocation: 2, coldStart: false });
    expect(third).toEqual({ invocation: 3, coldStart: false });
  });

  it('gives two environments different random ids', () => {
    // Prepare / Act
    const a = createInstance();
    const b = createInstance();
    // Assess
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
  });

  it("answers the local runtime's environment id as its id, so responses, logs and the live view agree", () => {
    // Prepare
    const env = { LOCAL_LAMBDA_ENVIRONMENT_ID: '3f2a9c1e8d7b6a5f4e3d2c1b0a998877' };
    // Act
    const inst = createInstance({ env });
    // Assess
    expect(inst.id).toBe('3f2a9c1e8d7b6a5f4e3d2c1b0a998877');
  });

  it('makes its own random id where the variable is absent (AWS) or not a local environment id', () => {
    // Prepare / Act
    const onAws = createInstance({ env: { AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef' } });
    const odd = createInstance({ env: { LOCAL_LAMBDA_ENVIRONMENT_ID: 'not hex; <script>' } });
    // Assess
    expect(onAws.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(odd.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('measures its age from init time on the injected clock', () => {
    // Prepare
    let now = 1_000;
    const inst = createInstance({ now: () => now });
    // Act
    now = 3_500;
    // Assess
    expect(inst.initAt).toBe(1_000);
    expect(inst.ageMs()).toBe(2_500);
  });
});
