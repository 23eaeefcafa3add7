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
