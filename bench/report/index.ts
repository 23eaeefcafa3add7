/** The benchmark's HTML report: one self-contained file, charts as inline SVG. */

export { formatRatio, formatValue, smokeRunNote } from './format';
export { type RenderOptions, renderReport } from './render';
