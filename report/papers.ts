/**
 * The three papers and their figure ids, in reading order: the report's table of contents.
 * Figure ids are also the names of the figure stages (see report/figure-data.ts).
 */

export interface Paper {
  paper: 1 | 2 | 3;
  /** Full title as published. */
  title: string;
  /** Authors, venue, year: one line under the section heading. */
  citation: string;
  figures: readonly string[];
}

const ids = (prefix: string) => [1, 2, 3, 4, 5, 6].map((i) => `${prefix}${i}`);

export const PAPERS: readonly Paper[] = [
  {
    paper: 1,
    title: 'Fundamental Limits of Two-layer Autoencoders, and Achieving Them with Gradient Methods',
    citation: 'Shevchenko, Kögler, Hassani, Mondelli. ICML 2023 (arXiv 2212.13468).',
    figures: ids('p1-e'),
  },
  {
    paper: 2,
    title: 'Compression of Structured Data with Autoencoders: Provable Benefit of Nonlinearities and Depth',
    citation: 'Kögler, Shevchenko, Hassani, Mondelli. ICML 2024 (arXiv 2402.05013).',
    figures: ids('p2-f'),
  },
  {
    paper: 3,
    title: 'Analysis of feature learning in weight-tied autoencoders via the mean field lens',
    citation: 'Nguyen. arXiv preprint 2102.08373 (2021).',
    figures: ids('p3-r'),
  },
];

/** Every figure id, `p1-e1` … `p3-r6`: the report stage's optional dependencies. */
export const FIGURE_IDS: readonly string[] = PAPERS.flatMap((p) => p.figures);

/** `p1-e1` → `P1 E1`, the way the specs name figures. */
export function figureLabel(id: string): string {
  const [p, f] = id.toUpperCase().split('-');
  return `${p} ${f}`;
}
