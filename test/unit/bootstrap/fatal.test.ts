import { EventEmitter } from 'node:events';
import {
  exitOnFatalErrors,
  UNCAUGHT_EXCEPTION_EXIT_CODE,
  UNHANDLED_REJECTION_EXIT_CODE,
} from '../../../local/runtime/bootstrap/fatal';

function wire(pendingRequestId: string | undefined) {
  const emitter = new EventEmitter();
  const reported: Array<{ path: string; err: unknown; typeOverride: string | undefined }> = [];
  const logged: unknown[][] = [];
  const exits: number[] = [];
  let exited: () => void = () => undefined;
  const exitedOnce = new Promise<void>((resolve) => {
    exited = resolve;
  });
  exitOnFatalErrors({
    emitter,
    reportError: async (path, err, typeOverride) => {
      reported.push({ path, err, typeOverride });
    },
    pendingRequestId: () => pendingRequestId,
    log: (...args) => logged.push(args),
    exit: (code) => {
      exits.push(code);
      exited();
    },
  });
  return { emitter, reported, logged, exits, exitedOnce };
}

describe('exitOnFatalErrors', () => {
  it('posts an uncaught exception as the running invocation’s error, then exits with 129', async () => {
    // Prepare
    const { emitter, reported, logged, exits, exitedOnce } = wire('req-1');
    const err = new Error('kaboom');

    // Act
    emitter.emit('uncaughtException', err);
    await exitedOnce;

    // Assess
    expect(reported).toEqual([{ path: '/runtime/invocation/req-1/error', err, typeOverride: undefined }]);
    expect(logged).toEqual([['Uncaught Exception', err.stack]]);
    expect(exits).toEqual([UNCAUGHT_EXCEPTION_EXIT_CODE]);
    expect(UNCAUGHT_EXCEPTION_EXIT_CODE).toBe(129);
  });

  it('posts an unhandled rejection as Runtime.UnhandledPromiseRejection, then exits with 128', async () => {
    // Prepare
    const { emitter, reported, exits, exitedOnce } = wire('req-2');

    // Act
    emitter.emit('unhandledRejection', new TypeError('lost promise'));
    await exitedOnce;

    // Assess
    expect(reported[0]).toMatchObject({
      path: '/runtime/invocation/req-2/error',
      typeOverride: 'Runtime.UnhandledPromiseRejection',
      err: { name: 'Runtime.UnhandledPromiseRejection', message: 'TypeError: lost promise' },
    });
    expect(exits).toEqual([UNHANDLED_REJECTION_EXIT_CODE]);
    expect(UNHANDLED_REJECTION_EXIT_CODE).toBe(128);
  });

  it('exits at once, posting nothing, when no invocation runs', async () => {
    // Prepare
    const { emitter, reported, exits } = wire(undefined);

    // Act
    emitter.emit('unhandledRejection', 'just a string');

    // Assess
    expect(reported).toEqual([]);
    expect(exits).toEqual([128]);
  });
});
