import { type DbSettings, parseAppConfig } from '../../../../functions/kit/config/app-config';
import { ParameterSet } from '../../../../functions/kit/config/parameters';
import { testDatabaseUrl } from '../../../support/database';

/** The test server from TEST_DATABASE_URL (set by test/support/global-setup.js). */
export function testServer(): { host: string; port: number; user: string; password: string; database: string } {
  const url = new URL(testDatabaseUrl());
  return {
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  };
}

/** DbSettings as the config cache would produce them, pointed at `port` (e.g. a proxy). */
export function dbSettings(port = testServer().port): DbSettings {
  const s = testServer();
  const config = parseAppConfig(
    new ParameterSet([
      { name: 'db/host', value: s.host, secure: false },
      { name: 'db/port', value: String(port), secure: false },
      { name: 'db/user', value: s.user, secure: false },
      { name: 'db/database', value: s.database, secure: false },
      { name: 'db/ssl', value: 'disable', secure: false },
      { name: 'db/password', value: s.password, secure: true },
    ]),
  );
  if (!config.db) throw new Error('no db settings');
  return config.db;
}
