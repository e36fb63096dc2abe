/**
 * `reports/figures/<id>.svg`: a compiled figure rendered server-side with
 * vega's headless View (no DOM, no canvas; text widths are estimated), for
 * papers and slides.
 */
import { parse, View, type Spec as VegaSpec } from 'vega';

export async function renderSvg(vega: VegaSpec): Promise<string> {
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
