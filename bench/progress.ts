import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** What the runner drives while a scenario runs. */
export interface Progress {
  /** True when a bar is drawn (the stream is a terminal). */
  readonly interactive: boolean;
  /** Starts a new stage, e.g. `hello · cold starts`, of `total` steps; ends the previous stage's bar. */
  stage(label: string, total: number): void;
  /** Advances the current stage. */
  tick(by?: number): void;
  /** Prints a line above the bar (or plainly, when there is no bar). */
  log(line: string): void;
  /** Ends the bar; idempotent. */
  stop(): void;
}

export interface ProgressOptions {
  /** Where to draw; the bar only appears when this stream is a TTY. */
  readonly stream?: NodeJS.WriteStream;
  /** Force the bar off (e.g. `--quiet`); it can never be forced on for a non-TTY, which would fill CI logs. */
  readonly enabled?: boolean;
}

const defaults = { stream: process.stdout, enabled: true } as const;

/**
 * A progress bar for the benchmark, quiet when the output is not a terminal: in CI, or piped into a
 * file, the bar's redraws would be noise, so only `log` lines are written.
 *
 * @example
 * const progress = createProgress();
 * progress.stage('hello · cold starts', 10);
 * for (let i = 0; i < 10; i++) { await forceColdStart(); progress.tick(); }
 * progress.log('hello: 10 cold starts done');
 * progress.stop();
 */
export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? defaults.stream;
  const enabled = options.enabled ?? defaults.enabled;
  if (!enabled || !stream.isTTY) return quietProgress(stream);

  const bars = new MultiBar(
    {
      stream,
      format: ' {bar} {percentage}% | {value}/{total} | {label} | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 28,
    },
    Presets.shades_classic,
  );
  let current: SingleBar | null = null;
  let stopped = false;
  return {
    interactive: true,
    stage(label, total) {
      if (stopped) return;
      current?.stop();
      current = bars.create(Math.max(1, total), 0, { label });
    },
    tick(by = 1) {
      current?.increment(by);
    },
    log(line) {
      if (stopped || current === null) {
        stream.write(`${line}\n`);
        return;
      }
      // MultiBar only flushes its log buffer on a redraw; force one so a line is never lost at stop().
      bars.log(`${line}\n`);
      bars.update();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

function quietProgress(stream: NodeJS.WritableStream): Progress {
  return {
    interactive: false,
    stage() {},
    tick() {},
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
