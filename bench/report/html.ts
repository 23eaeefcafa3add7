/** Minimal HTML/SVG building: every interpolated value goes through {@link escapeHtml}. */

/**
 * Escapes text for HTML and SVG content and attribute values.
 *
 * @example
 * escapeHtml('<db & "naive">'); // '&lt;db &amp; &quot;naive&quot;&gt;'
 */
export function escapeHtml(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type AttributeValue = string | number | boolean | null | undefined;

/** Renders attributes; null/undefined/false are left out, true becomes a bare attribute. */
export function attributes(attrs: Record<string, AttributeValue>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(v as string | number)}"`))
    .join('');
}

/** An element with escaped attributes; `children` is trusted markup (already built with these helpers). */
export function el(tag: string, attrs: Record<string, AttributeValue>, ...children: string[]): string {
  return `<${tag}${attributes(attrs)}>${children.join('')}</${tag}>`;
}

/** SVG numbers: two decimals are plenty for pixels and keep the file small. */
export function px(value: number): string {
  return (Math.round(value * 100) / 100).toString();
}
