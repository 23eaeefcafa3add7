import { formatSummaryTable, textTable } from '../../bench/table';
import { syntheticResults } from './synthetic-results';

describe('terminal summary table', () => {
  it('aligns columns: text left, numbers right', () => {
    // Act
    const text = textTable(
      ['name', 'ms'],
      [
        ['hello', '1.23'],
        ['db-naive', '123'],
      ],
      ['left', 'right'],
    );
    // Assess
    expect(text.split('\n')).toEqual(['name        ms', '--------  ----', 'hello     1.23', 'db-naive   123']);
  });

  it('lists every function and phase with its p50, the ratios, and says warm-ups were discarded', () => {
    // Prepare
    const results = syntheticResults({ seed: 2, coldStarts: 3, warmInvocations: 6 });
    // Act
    const text = formatSummaryTable(results);
    // Assess
    expect(text).toContain('2 warm-up invocation(s) per scenario discarded');
    const hello = results.functions.find((f) => f.name === 'hello')!;
    const warmLine = text.split('\n').find((l) => /^hello\s+warm\s/.test(l));
    expect(warmLine).toContain(hello.summaries.warm!.clientMs!.p50.toFixed(2));
    expect(text).toMatch(/db naive\/reuse\s+\d/);
    expect(
      text
        .split('\n')
        .filter((l) =>
          /^(hello|config|config-naive|db|db-naive|breaker)\s+(cold|warm|warm-concurrent|burst)\s/.test(l),
        ),
    ).toHaveLength(24);
  });
});
