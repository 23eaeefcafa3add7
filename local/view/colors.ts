/**
 * A function's colour in the live view, from its name alone: the same function keeps its colour
 * across restarts and whatever other functions run beside it, and the legend, the bars and the
 * timeline all read it from `/_local/state`, so they cannot disagree.
 *
 * FNV-1a over the name picks a hue; saturation and lightness are fixed, vivid enough to stay apart
 * from the grey of ended environments and dark enough for white text on it.
 *
 * @example
 * functionColor('lambda-reuse-lab-dev-hello'); // 'hsl(212 62% 42%)', on every run
 */
export function functionColor(functionName: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < functionName.length; i += 1) {
    hash ^= functionName.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `hsl(${hash % 360} 62% 42%)`;
}
