import { GetParametersByPathCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { assertInt } from '../env';
import { InvalidOptionError } from '../errors';
import { redactor as moduleRedactor, type Redactor } from '../redact';
import { type LoadedParameter, ParameterSet } from './parameters';

export interface SsmSourceOptions {
  client: SSMClient;
  /** Path prefix, starting and ending with `/`, e.g. `/lambda-reuse-lab/dev/`. */
  path: string;
  /** Page size of GetParametersByPath (SSM allows 1..10). */
  pageSize: number;
  /** Upper bound on pages, so a misconfigured path cannot loop for ever. */
  maxPages: number;
  redactor: Redactor;
}

export const defaults: Omit<SsmSourceOptions, 'client' | 'path'> = {
  pageSize: 10,
  maxPages: 100,
  redactor: moduleRedactor,
};

/**
 * Checks that `value` is an SSM path prefix: starts and ends with `/`. The one statement of that
 * rule, so an error can name whichever option the caller set (the source's `path`, or `CONFIG_PATH`).
 *
 * @example
 * assertSsmPath('environment', 'CONFIG_PATH', env.CONFIG_PATH);
 */
export function assertSsmPath(component: string, option: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !value.startsWith('/') || !value.endsWith('/')) {
    throw new InvalidOptionError({ component, option, value, allowed: 'an SSM path starting and ending with "/"' });
  }
}

function validate(opts: SsmSourceOptions): SsmSourceOptions {
  assertSsmPath('SsmParameterSource', 'path', opts.path);
  assertInt('SsmParameterSource', 'pageSize', opts.pageSize, 1, 10);
  assertInt('SsmParameterSource', 'maxPages', opts.maxPages, 1);
  return opts;
}

/**
 * Loads every parameter under one path: GetParametersByPath, recursive, decrypted, all pages.
 * Every decrypted value is registered with the redactor before anything else sees it. (The managed-mode
 * password is not a parameter: functions/kit/secrets reads it from Secrets Manager.)
 */
export class SsmParameterSource {
  private readonly opts: SsmSourceOptions;
  private callCount = 0;

  constructor(options: Pick<SsmSourceOptions, 'client' | 'path'> & Partial<SsmSourceOptions>) {
    this.opts = validate({ ...defaults, ...options });
  }

  /** SSM API calls made by this source since it was created. */
  get calls(): number {
    return this.callCount;
  }

  get path(): string {
    return this.opts.path;
  }

  /** Fetches the whole parameter set. Rejects with the SDK's error on failure. */
  async load(): Promise<ParameterSet> {
    const { client, path, pageSize, maxPages, redactor } = this.opts;
    const loaded: LoadedParameter[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      if (pages >= maxPages) throw new Error(`GetParametersByPath under ${path} returned more than ${maxPages} pages`);
      this.callCount += 1;
      pages += 1;
      const page = await client.send(
        new GetParametersByPathCommand({
          Path: path,
          Recursive: true,
          WithDecryption: true,
          MaxResults: pageSize,
          NextToken: nextToken,
        }),
      );
      for (const p of page.Parameters ?? []) {
        if (!p.Name || p.Value === undefined) continue;
        const secure = p.Type === 'SecureString';
        if (secure) redactor.addSecret(p.Value);
        loaded.push({ name: p.Name.startsWith(path) ? p.Name.slice(path.length) : p.Name, value: p.Value, secure });
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);

    return new ParameterSet(loaded);
  }
}
