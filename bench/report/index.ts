/** The benchmark's HTML report: one self-contained file, charts as inline SVG. */
export { renderReport, type RenderOptions } from './render';
export { formatValue, formatRatio } from './format';
