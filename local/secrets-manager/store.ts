import { randomBytes, randomUUID } from 'node:crypto';
import { InvalidOptionError } from '../../common/errors';
import { resourceNotFound } from './errors';

/** A secret to load at start: its name, value, and (optionally) the ARN suffix AWS would have drawn. */
export interface SeedSecret {
  /** e.g. `rds!db-local`; RDS-managed secret names contain `!`. */
  readonly name: string;
  /** The SecretString; an RDS-managed secret's is JSON `{"username","password"}`. */
  readonly secretString: string;
  /** The six characters AWS appends to the name in the ARN; random when absent. */
  readonly arnSuffix?: string;
}

/** One secret's current version, as held in memory. */
interface StoredSecret {
  readonly name: string;
  readonly arn: string;
  readonly versionId: string;
  readonly createdDate: Date;
  readonly secretString: string;
}

/** GetSecretValue's response, as AWS sends it (CreatedDate in epoch seconds, as JSON 1.1 timestamps are). */
export interface WireSecretValue {
  ARN: string;
  Name: string;
  VersionId: string;
  SecretString: string;
  VersionStages: string[];
  CreatedDate: number;
}

/** AWS: secret names are 1..512 of letters, digits and `/_+=.@-!`. */
const secretName = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;
const arnSuffix = /^[A-Za-z0-9]{6}$/;
const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const randomSuffix = (): string => [...randomBytes(6)].map((b) => suffixAlphabet[b % suffixAlphabet.length]).join('');

/**
 * The in-memory Secrets Manager: the current version of each secret, for one region and account.
 * Values live only in a private field, so neither `console.log(store)` nor JSON.stringify shows them.
 *
 * @example
 * const store = new SecretStore('us-east-1', '000000000000');
 * const { arn } = store.put({ name: 'rds!db-local', secretString: '{"username":"u","password":"p"}' });
 * store.get(arn).Name; // 'rds!db-local'
 */
export class SecretStore {
  readonly #secrets = new Map<string, StoredSecret>();

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  /** Adds a secret, or replaces its value with a new current version. Returns its ARN. */
  put(seed: SeedSecret): { arn: string } {
    if (typeof seed.name !== 'string' || !secretName.test(seed.name))
      throw new InvalidOptionError({
        component: 'secrets manager store',
        option: 'name',
        value: seed.name,
        allowed: '1 to 512 letters, digits and /_+=.@-!',
      });
    if (typeof seed.secretString !== 'string' || seed.secretString.length === 0)
      // The value stays out of the message: it is a secret.
      throw new InvalidOptionError({
        component: 'secrets manager store',
        option: `secretString of ${seed.name}`,
        value: typeof seed.secretString,
        allowed: 'a non-empty string',
      });
    if (seed.arnSuffix !== undefined && !arnSuffix.test(seed.arnSuffix))
      throw new InvalidOptionError({
        component: 'secrets manager store',
        option: 'arnSuffix',
        value: seed.arnSuffix,
        allowed: 'six letters or digits',
      });
    const existing = this.#secrets.get(seed.name);
    const arn =
      existing?.arn ??
      `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${seed.name}-${seed.arnSuffix ?? randomSuffix()}`;
    this.#secrets.set(seed.name, {
      name: seed.name,
      arn,
      versionId: randomUUID(),
      createdDate: new Date(),
      secretString: seed.secretString,
    });
    return { arn };
  }

  /**
   * The current version of the secret a `SecretId` names: its name, its full ARN, or its partial ARN
   * (without the six-character suffix), as AWS accepts.
   *
   * @throws SecretsManagerError ResourceNotFoundException when it names none.
   */
  get(secretId: string): WireSecretValue {
    const found = this.#find(secretId);
    if (!found) throw resourceNotFound();
    return {
      ARN: found.arn,
      Name: found.name,
      VersionId: found.versionId,
      SecretString: found.secretString,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: found.createdDate.getTime() / 1000,
    };
  }

  /** Every secret's name and ARN, sorted by name. Never values. */
  list(): Array<{ name: string; arn: string }> {
    return [...this.#secrets.values()]
      .map((s) => ({ name: s.name, arn: s.arn }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  #find(secretId: string): StoredSecret | undefined {
    const byName = this.#secrets.get(secretId);
    if (byName) return byName;
    const prefix = `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:`;
    if (!secretId.startsWith(prefix)) return undefined;
    for (const s of this.#secrets.values()) if (s.arn === secretId || `${prefix}${s.name}` === secretId) return s;
    return undefined;
  }
}
