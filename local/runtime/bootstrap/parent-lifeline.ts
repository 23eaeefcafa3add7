/** The end of stdin that the bootstrap watches: `process.stdin`. */
export interface Lifeline {
  on(event: 'end' | 'close', listener: () => void): unknown;
  resume(): unknown;
}

/**
 * Exits once `stdin` ends or closes. The parent holds our stdin open; when it goes away (even
 * killed), we go too, leaving no orphan. Stdin does not keep the process alive on its own.
 *
 * @example
 * exitWithParent(process.stdin, process.exit);
 */
export function exitWithParent(stdin: Lifeline, exit: (code: number) => void): void {
  stdin.on('end', () => exit(0));
  stdin.on('close', () => exit(0));
  stdin.resume();
  (stdin as { unref?: () => void }).unref?.();
}
