import { randomBytes } from 'node:crypto';
import { constraintViolation, parameterNotFound, SsmError } from './errors';
import { type NameReference, parameterArn, validateParameterName } from './names';

export const parameterTypes = ['String', 'StringList', 'SecureString'] as const;
export type ParameterType = (typeof parameterTypes)[number];

/** AWS: Standard-tier values are at most 4 KB, Advanced-tier values 8 KB. */
const maxValueLength = { Standard: 4096, Advanced: 8192 } as const;
type Tier = keyof typeof maxValueLength;

/** One version of one parameter, as held in memory. */
interface StoredVersion {
  readonly name: string;
  readonly type: ParameterType;
  readonly value: string;
  /** What AWS returns for a SecureString read without decryption: a KMS blob, never the plaintext. */
  readonly ciphertext: string | undefined;
  readonly version: number;
  readonly lastModifiedDate: Date;
  readonly description: string | undefined;
  readonly allowedPattern: string | undefined;
  readonly tier: Tier;
  readonly dataType: string;
}

/** A parameter as the SSM API returns it (GetParameter, GetParametersByPath, ...). */
export interface WireParameter {
  Name: string;
  Type: ParameterType;
  Value: string;
  Version: number;
  Selector?: string;
  LastModifiedDate: number;
  ARN: string;
  DataType: string;
}

/** A parameter's metadata as DescribeParameters returns it: no value. */
export interface WireParameterMetadata {
  Name: string;
  ARN: string;
  Type: ParameterType;
  Description?: string;
  AllowedPattern?: string;
  Version: number;
  LastModifiedDate: number;
  Tier: Tier;
  Policies: never[];
  DataType: string;
}

/** Input of {@link ParameterStore.put}, shaped like PutParameter's request. */
export interface PutInput {
  name: unknown;
  value: unknown;
  type?: unknown;
  overwrite?: unknown;
  description?: unknown;
  tier?: unknown;
  dataType?: unknown;
  allowedPattern?: unknown;
}

/** A parameter to load into the store at start. */
export interface SeedParameter {
  name: string;
  type: ParameterType;
  value: string;
  description?: string;
}

/** A parameter's state after a PutParameter or DeleteParameter: its latest version, or undefined once deleted. */
export interface ParameterChange {
  readonly name: string;
  readonly latest: Readonly<SeedParameter & { tier: Tier; allowedPattern: string | undefined }> | undefined;
}

const fakeKmsBlob = (plaintextLength: number): string =>
  // The size follows the plaintext like a real envelope does; the bytes are random, so nothing of the value leaks.
  randomBytes(48 + plaintextLength).toString('base64');

/**
 * The in-memory Parameter Store: every version of every parameter, for one region and account.
 * Values live only in a private field, so neither `console.log(store)` nor JSON.stringify shows them.
 *
 * @example
 * const store = new ParameterStore('eu-west-1', '000000000000');
 * store.put({ name: '/app/message', type: 'String', value: 'hi' });
 * store.get({ name: '/app/message' }).version; // 1
 */
export class ParameterStore {
  readonly #versions = new Map<string, StoredVersion[]>();
  readonly #listeners: Array<(change: ParameterChange) => void> = [];
  /** True while seeding: what the stack declares is not a change anyone made. */
  #seeding = false;

  constructor(
    readonly region: string,
    readonly accountId: string,
  ) {}

  /** PutParameter: creates version 1, or with `overwrite` the next version. */
  put(input: PutInput): { version: number; tier: Tier } {
    validateParameterName(input.name);
    const name = input.name;
    const history = this.#versions.get(name);
    const latest = history?.[history.length - 1];
    if (latest && input.overwrite !== true) {
      throw new SsmError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const type = this.#type(input.type, latest?.type);
    const tier = this.#tier(input.tier, latest?.tier);
    const value = input.value;
    if (typeof value !== 'string' || value.length === 0) {
      throw new SsmError(
        'ValidationException',
        "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    if (value.length > maxValueLength[tier]) {
      throw new SsmError(
        'ValidationException',
        tier === 'Standard'
          ? `Standard tier parameters support a maximum parameter value of ${maxValueLength.Standard} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`
          : `Advanced tier parameters support a maximum parameter value of ${maxValueLength.Advanced} characters.`,
      );
    }
    const dataType = input.dataType ?? latest?.dataType ?? 'text';
    if (dataType !== 'text') {
      throw new SsmError(
        'ValidationException',
        `The following data type is not supported locally: ${String(dataType)} (allowed: text)`,
      );
    }
    const allowedPattern = input.allowedPattern ?? latest?.allowedPattern;
    if (allowedPattern !== undefined) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(String(allowedPattern));
      } catch (cause) {
        throw new SsmError(
          'InvalidAllowedPatternException',
          `The allowed pattern ${String(allowedPattern)} is not a valid regular expression.`,
          400,
          { cause },
        );
      }
      if (!pattern.test(value)) {
        throw new SsmError(
          'ParameterPatternMismatchException',
          `Parameter value, cannot be validated against allowedPattern: ${String(allowedPattern)}`,
        );
      }
    }
    const version = (latest?.version ?? 0) + 1;
    const stored: StoredVersion = {
      name,
      type,
      value,
      ciphertext: type === 'SecureString' ? fakeKmsBlob(value.length) : undefined,
      version,
      lastModifiedDate: new Date(),
      description: input.description === undefined ? latest?.description : String(input.description),
      allowedPattern: allowedPattern === undefined ? undefined : String(allowedPattern),
      tier,
      dataType,
    };
    this.#versions.set(name, [...(history ?? []), stored]);
    this.#changed(name, stored);
    return { version, tier };
  }

  /** Loads parameters at start; a later seed of the same name becomes its next version. Tells no listener. */
  seed(parameters: readonly SeedParameter[]): void {
    this.#seeding = true;
    try {
      for (const p of parameters) {
        this.put({ name: p.name, type: p.type, value: p.value, description: p.description, overwrite: true });
      }
    } finally {
      this.#seeding = false;
    }
  }

  /**
   * Calls `listener` after every PutParameter and DeleteParameter (not for seeds), synchronously,
   * so a listener that writes the change down has done so before the call is answered.
   */
  onChange(listener: (change: ParameterChange) => void): void {
    this.#listeners.push(listener);
  }

  #changed(name: string, latest: StoredVersion | undefined): void {
    if (this.#seeding) return;
    const change: ParameterChange = {
      name,
      latest: latest && {
        name,
        type: latest.type,
        value: latest.value,
        description: latest.description,
        tier: latest.tier,
        allowedPattern: latest.allowedPattern,
      },
    };
    for (const listener of this.#listeners) listener(change);
  }

  /** The latest version, or the one a `:version` selector names. */
  get(ref: NameReference): StoredVersion & { selector?: string } {
    const history =
      this.#versions.get(ref.name) ?? (ref.alternateName ? this.#versions.get(ref.alternateName) : undefined);
    if (!history || history.length === 0) throw parameterNotFound(ref.name);
    if (ref.version === undefined) return history[history.length - 1] as StoredVersion;
    const found = history.find((v) => v.version === ref.version);
    if (!found) {
      throw new SsmError(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${ref.version} of ${ref.name}. Verify the version and try again.`,
      );
    }
    return { ...found, selector: ref.selector };
  }

  /** DeleteParameter: every version goes. */
  delete(name: string): void {
    if (!this.#versions.delete(name)) throw parameterNotFound(name);
    this.#changed(name, undefined);
  }

  has(name: string): boolean {
    return this.#versions.has(name);
  }

  /** Every parameter name, sorted, so pagination is stable. */
  names(): string[] {
    return [...this.#versions.keys()].sort();
  }

  /** The wire form; a SecureString's plaintext only when `withDecryption` is true. */
  toWire(p: StoredVersion & { selector?: string }, withDecryption: boolean): WireParameter {
    const wire: WireParameter = {
      Name: p.name,
      Type: p.type,
      Value: p.type === 'SecureString' && !withDecryption ? (p.ciphertext as string) : p.value,
      Version: p.version,
      LastModifiedDate: p.lastModifiedDate.getTime() / 1000,
      ARN: parameterArn(this.region, this.accountId, p.name),
      DataType: p.dataType,
    };
    if (p.selector !== undefined) wire.Selector = p.selector;
    return wire;
  }

  toMetadata(p: StoredVersion): WireParameterMetadata {
    const meta: WireParameterMetadata = {
      Name: p.name,
      ARN: parameterArn(this.region, this.accountId, p.name),
      Type: p.type,
      Version: p.version,
      LastModifiedDate: p.lastModifiedDate.getTime() / 1000,
      Tier: p.tier,
      Policies: [],
      DataType: p.dataType,
    };
    if (p.description !== undefined) meta.Description = p.description;
    if (p.allowedPattern !== undefined) meta.AllowedPattern = p.allowedPattern;
    return meta;
  }

  #type(type: unknown, current: ParameterType | undefined): ParameterType {
    if (type === undefined || type === null) {
      if (current) return current;
      throw new SsmError('ValidationException', 'A parameter type is required when you create a parameter.');
    }
    if (!parameterTypes.includes(type as ParameterType)) {
      throw constraintViolation(type, 'type', 'Member must satisfy enum value set: [SecureString, StringList, String]');
    }
    return type as ParameterType;
  }

  #tier(tier: unknown, current: Tier | undefined): Tier {
    if (tier === undefined || tier === null || tier === 'Intelligent-Tiering') return current ?? 'Standard';
    if (tier === 'Standard' || tier === 'Advanced') {
      if (current === 'Advanced' && tier === 'Standard') {
        throw new SsmError(
          'ValidationException',
          "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier.",
        );
      }
      return tier;
    }
    throw constraintViolation(
      tier,
      'tier',
      'Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]',
    );
  }
}
