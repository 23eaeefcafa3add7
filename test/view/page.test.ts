import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLiveViewHtml, liveViewHtml } from '../../local/view/page';

const viewDir = join(__dirname, '..', '..', 'local', 'view');

describe('live view page', () => {
  it('serves live-view.html with live-view.js inlined in place of its script tag', () => {
    // Prepare
    const html = readFileSync(join(viewDir, 'live-view.html'), 'utf8');
    const script = readFileSync(join(viewDir, 'live-view.js'), 'utf8');
    const [before, after] = html.split('<script src="live-view.js"></script>') as [string, string];

    // Act
    const page = buildLiveViewHtml();

    // Assess
    expect(page).toBe(`${before}<script>\n${script}</script>${after}`);
    expect(liveViewHtml).toBe(page);
  });

  it('is self-contained: no resource to load, and no request but to this server', () => {
    // Act
    const page = buildLiveViewHtml();

    // Assess
    expect(page).not.toMatch(/\s(src|href)=/i);
    expect(page).not.toMatch(/https?:\/\//i);
    expect([...page.matchAll(/fetch\(([^,)]+)/g)].map((m) => m[1])).toEqual(["'/_local/state'"]);
  });

  describe('with broken sources', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'live-view-page-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses a live-view.html without the script tag, rather than serve a page without its script', () => {
      // Prepare
      writeFileSync(join(dir, 'live-view.html'), '<!doctype html><body></body>');
      writeFileSync(join(dir, 'live-view.js'), 'refresh();\n');

      // Act / Assess
      expect(() => buildLiveViewHtml(dir)).toThrow(expect.objectContaining({ code: 'ELIVEVIEWPAGE' }));
    });

    it('refuses a script that would close its inline element early', () => {
      // Prepare
      writeFileSync(join(dir, 'live-view.html'), '<body><script src="live-view.js"></script></body>');
      writeFileSync(join(dir, 'live-view.js'), "const s = '</script>';\n");

      // Act / Assess
      expect(() => buildLiveViewHtml(dir)).toThrow(expect.objectContaining({ code: 'ELIVEVIEWPAGE' }));
    });

    it('keeps $ patterns of the script as written', () => {
      // Prepare
      writeFileSync(join(dir, 'live-view.html'), '<body><script src="live-view.js"></script></body>');
      writeFileSync(join(dir, 'live-view.js'), "const t = 'a$&b$1';\n");

      // Act
      const page = buildLiveViewHtml(dir);

      // Assess
      expect(page).toBe("<body><script>\nconst t = 'a$&b$1';\n</script></body>");
    });
  });
});
