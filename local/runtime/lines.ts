/**
 * Calls `onLine` for each line of a text stream (UTF-8, without the newline), and once more for an
 * unterminated last line at its end. A read error ends nothing: the process's exit does.
 *
 * @example
 * onLines(child.stdout, (line) => console.log(`[env] ${line}`));
 */
export function onLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      rest += chunk;
      return;
    }
    while (nl >= 0) {
      const line = (start === 0 ? rest : '') + chunk.slice(start, nl);
      if (start === 0) rest = '';
      onLine(line);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    rest = chunk.slice(start);
  });
  stream.on('end', () => {
    if (rest) onLine(rest);
    rest = '';
  });
  stream.on('error', () => undefined);
}
