import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CodedError, codeOfAwsType } from '../../../common/errors';

/**
 * The error rule, checked over the tree rather than a list of classes: every error class in the
 * source folders extends CodedError, takes its `name` from the class, has an `E` + upper-case
 * code, and those that cross the wire keep AWS's type. A class added anywhere is found by reading
 * the sources, then checked through its module's exports.
 */

const root = join(__dirname, '..', '..', '..');
const sourceFolders = ['common', 'functions', 'infra', 'scripts', 'bench', 'local'];

/** Files left out, each with its reason. Drop an entry once its reason is gone. */
const leftOut: Record<string, string> = {};

/**
 * Constructor arguments for classes the default arguments do not fit: bases that take their code
 * from a subclass, wire errors that take AWS's type, and arguments with a shape. A class missing
 * here is built with {@link defaultArguments}.
 */
const sampleArguments: Record<string, readonly unknown[]> = {
  CodedError: ['EEXAMPLE', 'example'],
  KitError: ['EEXAMPLE', 500, 'example'],
  LocalLambdaError: ['EEXAMPLE', 'example'],
  DevStackError: ['EEXAMPLE', 'example'],
  StatsError: ['EEXAMPLE', 'example'],
  InfraError: ['EEXAMPLE', 'example'],
  BuildError: ['EEXAMPLE', 'example'],
  LambdaApiError: ['ServiceException', 500, 'example'],
  SsmError: ['ParameterNotFound', 'example'],
  InvalidOptionError: [{ component: 'example', option: 'o', value: 1, allowed: 'a' }],
  UnresolvedReferenceError: [[{ where: 'resource.x', expression: 'var.x' }]],
  MissingEntryError: [[{ name: 'f', entry: 'f.ts', resolved: '/f.ts' }]],
  EmbeddedPostgresError: ['example', ['a log line']],
  LambdaRuntimeError: ['EEXAMPLE', 'Runtime.Example', 'example'],
};
const defaultArguments: readonly unknown[] = ['example', 'example'];

/** AWS's type for each error the Invoke API answers with; a new wire error names its type here. */
const awsTypes: Record<string, string> = {
  LambdaApiError: 'ServiceException',
  ResourceNotFoundError: 'ResourceNotFoundException',
  TooManyRequestsError: 'TooManyRequestsException',
  InvalidRequestContentError: 'InvalidRequestContentException',
  RequestTooLargeError: 'RequestTooLargeException',
  InvalidParameterValueError: 'InvalidParameterValueException',
  MethodNotAllowed: 'MethodNotAllowedException',
  UnknownOperation: 'UnknownOperationException',
  UnsupportedMediaTypeError: 'UnsupportedMediaTypeException',
  SsmError: 'ParameterNotFound',
};

type ErrorClass = new (...args: unknown[]) => Error;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The error classes each file declares: a class whose base ends in `Error` or is itself one of them. */
function declaredErrorClasses(): Map<string, string[]> {
  const declarations = sourceFolders
    .flatMap((folder) => sourceFiles(join(root, folder)))
    .map((file) => relative(root, file).split(sep).join('/'))
    .filter((file) => !(file in leftOut))
    .flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:export\s+)?class\s+(\w+)\s+extends\s+(\w+)/gm)].map(
        (m) => ({ file, name: m[1] as string, base: m[2] as string }),
      ),
    );
  const errorNames = new Set<string>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const d of declarations) {
      if (!errorNames.has(d.name) && (d.base.endsWith('Error') || errorNames.has(d.base))) {
        errorNames.add(d.name);
        grown = true;
      }
    }
  }
  const byFile = new Map<string, string[]>();
  for (const d of declarations.filter((d) => errorNames.has(d.name))) {
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.name]);
  }
  return byFile;
}

/** What is wrong with an error class, by the rule; empty when it follows it. */
function ruleBreaches(Class: ErrorClass): string[] {
  const args = sampleArguments[Class.name] ?? defaultArguments;
  let err: Error;
  try {
    err = new Class(...args);
  } catch (cause) {
    return [`cannot be built from ${JSON.stringify(args)} (${String(cause)}): add its arguments to sampleArguments`];
  }
  const breaches: string[] = [];
  if (!(err instanceof CodedError)) breaches.push('does not extend CodedError');
  // Errors a runtime reports over the Runtime API are named by Lambda's type (Runtime.ImportModuleError),
  // as Lambda's own runtime client names them: that name crosses the wire in the stack trace.
  const { errorType } = err as { errorType?: unknown };
  const wireName = typeof errorType === 'string' && /^Runtime\.[A-Za-z]+$/.test(errorType) ? errorType : undefined;
  if (err.name !== Class.name && err.name !== wireName) {
    breaches.push(`name is ${JSON.stringify(err.name)}, not the class name`);
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) {
    breaches.push(
      `code ${JSON.stringify(code)} is not E + upper case (a base that takes its code as an argument goes in sampleArguments)`,
    );
  }
  const { awsType, statusCode } = err as { awsType?: unknown; statusCode?: unknown };
  const expectedAwsType = awsTypes[Class.name];
  if (expectedAwsType !== undefined || awsType !== undefined) {
    if (awsType !== expectedAwsType)
      breaches.push(`AWS type is ${JSON.stringify(awsType)}, not ${JSON.stringify(expectedAwsType)} (see awsTypes)`);
    if (typeof statusCode !== 'number' || statusCode < 400 || statusCode > 599)
      breaches.push(`status code ${JSON.stringify(statusCode)} is not an HTTP error status`);
    if (typeof awsType === 'string' && code !== codeOfAwsType(awsType))
      breaches.push(`code ${JSON.stringify(code)} is not ${codeOfAwsType(awsType)}, the code of its AWS type`);
  }
  return breaches;
}

const declared = declaredErrorClasses();
const modules = [
  ...new Set(
    [...sourceFolders.flatMap((f) => sourceFiles(join(root, f)))]
      .map((file) => relative(root, file).split(sep).join('/'))
      .filter((file) => file.endsWith('/errors.ts') && !(file in leftOut))
      .concat([...declared.keys()]),
  ),
].sort();

const exported = modules.map((file) => {
  const exports = require(join(root, file)) as Record<string, unknown>;
  const classes = Object.values(exports).filter(
    (value): value is ErrorClass => typeof value === 'function' && value.prototype instanceof Error,
  );
  return { file, classes };
});
const checked = exported.flatMap(({ file, classes }) =>
  classes.map((Class) => [`${file}: ${Class.name}`, Class] as const),
);

describe('the error rule', () => {
  it('reads every errors module and every file that declares an error class', () => {
    // Assess
    expect(modules).toEqual(
      expect.arrayContaining(['common/errors.ts', 'functions/kit/errors.ts', 'local/ssm/errors.ts']),
    );
    expect(modules).toContain('local/invoke-api/server.ts');
    expect(checked.length).toBeGreaterThanOrEqual(40);
  });

  it.each([...declared])('%s exports every error class it declares, so this rule can check it', (file, names) => {
    // Prepare
    const classes = exported.find((m) => m.file === file)?.classes ?? [];
    // Assess
    expect(names.filter((name) => !classes.some((Class) => Class.name === name))).toEqual([]);
  });

  it.each(checked)('%s extends CodedError, with the class name, an E code and any AWS type kept', (_, Class) => {
    // Assess
    expect(ruleBreaches(Class)).toEqual([]);
  });

  it('finds each way a class can break the rule', () => {
    // Prepare
    class HandNamedError extends Error {
      override readonly name = 'HandNamed';
      readonly code = 'HAND_NAMED';
    }
    class SnakeCodeError extends CodedError {
      constructor() {
        super('SNAKE_CODE', 'example');
      }
    }
    class ResourceNotFoundError extends CodedError {
      constructor() {
        super('ERESOURCENOTFOUND', 'example');
      }
    }
    class NeedsAShapeError extends CodedError {
      constructor(items: readonly string[]) {
        super('ENEEDSASHAPE', items.join(', '));
      }
    }
    // Act
    const found = [HandNamedError, SnakeCodeError, ResourceNotFoundError, NeedsAShapeError].map((Class) =>
      ruleBreaches(Class as ErrorClass),
    );
    // Assess
    expect(found).toEqual([
      [
        'does not extend CodedError',
        'name is "HandNamed", not the class name',
        expect.stringContaining('code "HAND_NAMED" is not E + upper case'),
      ],
      [expect.stringContaining('code "SNAKE_CODE" is not E + upper case')],
      [
        'AWS type is undefined, not "ResourceNotFoundException" (see awsTypes)',
        'status code undefined is not an HTTP error status',
      ],
      [expect.stringContaining('cannot be built from ["example","example"]')],
    ]);
  });
});

describe('codeOfAwsType', () => {
  it('upper-cases the AWS type behind an E, without the Exception suffix', () => {
    // Assess
    expect(codeOfAwsType('ResourceNotFoundException')).toBe('ERESOURCENOTFOUND');
    expect(codeOfAwsType('ParameterNotFound')).toBe('EPARAMETERNOTFOUND');
    expect(codeOfAwsType('InternalServerError')).toBe('EINTERNALSERVERERROR');
  });
});
