/**
 * The instance ids behind experiment points, inlined once per figure.
 *
 * A figure row lists the stage instances behind it (`FigureRow.instances`); a trace of 300
 * points over five seeds lists the same five ids 300 times. The page's datasets carry,
 * instead, an index `ik` into a per-figure `instances` dataset of the distinct lists
 * (joined with ', '), and the marks that show them join it back with a lookup. The plotted
 * data in `data/<id>.json` keep the full lists.
 */
import type { FigureRow } from '../figure-data.ts';
import type { Spec } from './common.ts';

/** One distinct list of instance ids, joined with ', '. */
export interface InstanceEntry {
  ik: number;
  instance: string;
}

/** Rows without their `instances` lists, each with `ik` pointing into `instances` instead. */
export function instanceTable(rows: readonly FigureRow[]): { rows: Spec[]; instances: InstanceEntry[] } {
  const index = new Map<string, number>();
  const out = rows.map((r) => {
    const { instances, ...rest } = r;
    if (!instances?.length) return rest;
    const joined = instances.join(', ');
    let ik = index.get(joined);
    if (ik === undefined) index.set(joined, (ik = index.size));
    return { ...rest, ik };
  });
  return { rows: out, instances: [...index].map(([instance, ik]) => ({ ik, instance })) };
}

/** Rows without their instance lists (the earlier revision's overlay, which does not show them). */
export function withoutInstances(rows: readonly FigureRow[]): Spec[] {
  return rows.map(({ instances: _, ...rest }) => rest);
}

/**
 * Transforms that set `datum.instance` to the point's instance ids, or to `fallback` (the
 * figure's own instance) for a row that lists none.
 */
export function instanceLookup(fallback: string): Spec[] {
  return [
    { lookup: 'ik', from: { data: { name: 'instances' }, key: 'ik', fields: ['instance'] } },
    { calculate: `isValid(datum.instance) ? datum.instance : ${JSON.stringify(fallback)}`, as: 'instance' },
  ];
}
