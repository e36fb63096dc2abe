/** Small text helpers for the HTML phase: escaping, numbers, hashes. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** JSON safe inside a `<script>` element (no `</script>`, no `<!--`). */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

/** A number as a reader wants it: 5 significant digits, exponent for very small or large magnitudes. */
export function num(v: number | string): string {
  if (typeof v === 'string') return esc(v);
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) {
    const [mantissa, exponent] = v.toExponential(3).split('e');
    return `${Number(mantissa)}×10<sup>${Number(exponent)}</sup>`;
  }
  return String(Number(v.toPrecision(5)));
}

/** A content hash shortened for a footnote: drop any `algo:` prefix, keep 10 hex digits. */
export function shortHash(h: string): string {
  return h.replace(/^[a-z0-9-]+:/i, '').slice(0, 10);
}

/** `2026-11-23T04:10:00.000Z` → `2026-11-23 04:10 UTC`. */
export function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

export function seconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
