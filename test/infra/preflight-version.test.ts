import { isAtLeast } from '../../scripts/preflight/version';

describe('release number comparison of the preflight', () => {
  it.each([
    ['1.11.0', '1.11.0', true],
    ['1.11.4', '1.11.0', true],
    ['1.12.0', '1.11.0', true],
    ['2.0.0', '1.11.0', true],
    ['1.10.5', '1.11.0', false],
    ['1.9.99', '1.11.0', false],
    ['v1.11.0', '1.11.0', true],
    ['1.11.0-rc1', '1.11.0', true],
    ['1.2.0', '1.11.0', false],
  ])('says %s >= %s is %s, comparing numbers not text', (version, minimum, expected) => {
    // Prepare & Act
    const result = isAtLeast(version, minimum);
    // Assess
    expect(result).toBe(expected);
  });
});
