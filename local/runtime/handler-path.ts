import * as path from 'node:path';

/**
 * Why a handler setting is refused, or undefined when it names a module inside the code folder.
 *
 * Lambda's handler is `path/to/module.export`, resolved against LAMBDA_TASK_ROOT only: the Node
 * runtime loads it with `UserFunction.load(LAMBDA_TASK_ROOT, _HANDLER)` (aws-lambda-nodejs-runtime-interface-client,
 * src/utils/UserFunction.ts), so a layer's /opt holds modules the handler imports, never the handler.
 * AWS validates the setting and refuses what cannot be a handler; locally the check matters more: a
 * handler of `../../../tmp/x.handler` would make the environment load a file from anywhere on the
 * developer's machine, so one that leaves the function's folder is refused outright.
 *
 * @example
 * handlerProblem('index.handler', '/code');            // undefined
 * handlerProblem('../../tmp/x.handler', '/code');      // 'names a file outside the function's code folder'
 */
export function handlerProblem(handler: string, codeDir: string): string | undefined {
  // AWS: up to 128 characters, no whitespace.
  if (handler.length === 0 || handler.length > 128 || /\s/.test(handler)) {
    return 'must be 1 to 128 characters without whitespace, as module.export';
  }
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) return 'must be module.export, e.g. index.handler';
  const module = handler.slice(0, dot);
  if (path.isAbsolute(module) || module.includes('\\')) return "names a file outside the function's code folder";
  const root = path.resolve(codeDir);
  const file = path.resolve(root, module);
  if (file !== root && !file.startsWith(root + path.sep)) return "names a file outside the function's code folder";
  return undefined;
}
