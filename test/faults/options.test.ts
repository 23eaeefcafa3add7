import { faultSuiteDefaults, parseFaultArgs, scenarioNames } from '../../bench/faults';

describe('parseFaultArgs', () => {
  it('runs every scenario in the suite order by default, serving the built stack as it is', () => {
    // Act
    const options = parseFaultArgs([]);

    // Assess
    expect(options).toEqual({ ...faultSuiteDefaults, only: scenarioNames, build: false });
  });

  it('keeps the suite order whatever order --only names the scenarios in', () => {
    // Act
    const options = parseFaultArgs(['--only', 'ssm-down,burst', '--json', 'out.json']);

    // Assess
    expect(options).toMatchObject({ only: ['burst', 'ssm-down'], jsonFile: 'out.json' });
  });

  it('refuses an unknown scenario, naming the flag and the scenarios there are', () => {
    // Act
    const parse = () => parseFaultArgs(['--only', 'meteor']);

    // Assess
    expect(parse).toThrow('--only');
    expect(parse).toThrow('burst, db-restart, frozen-kill, ssm-down');
  });

  it('refuses an unknown flag instead of ignoring it', () => {
    // Act
    const parse = () => parseFaultArgs(['--concurrency', '3']);

    // Assess
    expect(parse).toThrow(expect.objectContaining({ code: 'EUSAGE' }));
  });

  it('reads --timeout=MS and refuses one outside its range, naming the range', () => {
    // Act
    const options = parseFaultArgs(['--timeout=5000', '--build']);
    const parse = () => parseFaultArgs(['--timeout', '999']);

    // Assess
    expect(options).toMatchObject({ scenarioTimeoutMs: 5000, build: true });
    expect(parse).toThrow('--timeout is "999"; allowed: an integer of milliseconds from 1000 to 600000');
  });

  it('answers --help with help', () => {
    // Act & Assess
    expect(parseFaultArgs(['--help'])).toBe('help');
  });
});
