import { findBrowser } from '../../support/browser';

const only =
  (...paths: string[]) =>
  (path: string): boolean =>
    paths.includes(path);

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH before CHROME_PATH and the usual places', () => {
    // Prepare
    const search = {
      env: { CHROMIUM_PATH: '/opt/c/chrome', CHROME_PATH: '/opt/other' },
      platform: 'linux' as const,
      executable: only('/opt/c/chrome', '/opt/other', '/usr/bin/chromium'),
    };

    // Act
    const path = findBrowser(search);

    // Assess
    expect(path).toBe('/opt/c/chrome');
  });

  it('fails on a CHROMIUM_PATH that is not executable rather than pick another browser', () => {
    // Prepare
    const search = { env: { CHROMIUM_PATH: '/nowhere' }, platform: 'linux' as const, executable: () => false };

    // Act
    const act = (): string => findBrowser({ ...search, executable: only('/usr/bin/chromium') });

    // Assess
    expect(act).toThrow('CHROMIUM_PATH is "/nowhere", which is not an executable file');
  });

  it('finds Chrome in /Applications on macOS', () => {
    // Prepare
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

    // Act
    const path = findBrowser({ env: {}, platform: 'darwin', executable: only(chrome) });

    // Assess
    expect(path).toBe(chrome);
  });

  it('falls back through the Linux places in order', () => {
    // Act
    const path = findBrowser({ env: {}, platform: 'linux', executable: only('/usr/bin/google-chrome') });

    // Assess
    expect(path).toBe('/usr/bin/google-chrome');
  });

  it('says what to install or set when no browser is found', () => {
    // Act
    const act = (): string => findBrowser({ env: {}, platform: 'linux', executable: () => false });

    // Assess
    expect(act).toThrow(/found none .*\/usr\/bin\/chromium.*apt-get install chromium.*set CHROMIUM_PATH/);
  });
});
