import { renderReport } from '../../bench/report';
import { ResultsSchemaError } from '../../bench/schema';
import { syntheticResults } from './synthetic-results';

describe('renderReport output', () => {
  it('is one self-contained file: no scripts, stylesheets, images or URLs to fetch', () => {
    // Act
    const html = renderReport(syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 }));
    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    // The only URL is the SVG namespace, which is an identifier and never fetched.
    const urls = html.match(/https?:\/\/[^\s"')]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes text from the results so a note or a name cannot inject markup', () => {
    // Prepare
    const results = { ...syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 }), notes: ['<script>alert("x")</script> & more'] };
    // Act
    const html = renderReport(results);
    // Assess
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
  });

  it('refuses results that do not validate, naming the field', () => {
    // Prepare
    const results: any = syntheticResults({ seed: 5, coldStarts: 3, warmInvocations: 6 });
    results.settings = { ...results.settings, concurrency: 0 };
    // Act / Assess
    expect(() => renderReport(results)).toThrow(ResultsSchemaError);
    expect(() => renderReport(results)).toThrow(/results\.settings\.concurrency must be an integer ≥ 1, got 0/);
  });

  it('draws the same page for the same results (no clock, no randomness)', () => {
    // Prepare
    const results = syntheticResults({ seed: 9, coldStarts: 3, warmInvocations: 6 });
    // Act / Assess
    expect(renderReport(results)).toBe(renderReport(results));
  });
});
