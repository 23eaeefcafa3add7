import type { Phase } from '../schema';

/*
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, which matters because
 * cold/warm and naive/reuse are told apart by colour in every chart (the legend repeats it in words).
 */
export const PHASE_COLORS: Record<Phase, string> = {
  cold: '#D55E00',
  warm: '#0072B2',
  'warm-concurrent': '#56B4E9',
  'warm-http': '#009E73',
  burst: '#CC79A7',
};

/** Classic and Managed Instances, side by side in the execution-model charts. */
export const MODEL_COLORS = { classic: '#0072B2', 'managed-instances': '#E69F00' } as const;

export const COMPARISON_COLORS = { reuse: '#009E73', naive: '#E69F00' } as const;

const FUNCTION_PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999933', '#882255'];

/** A stable colour per function, by its position in the results' function list. */
export function functionColor(names: readonly string[], name: string): string {
  const index = names.indexOf(name);
  return FUNCTION_PALETTE[Math.max(index, 0) % FUNCTION_PALETTE.length] as string;
}
