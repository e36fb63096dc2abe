/**
 * Every sentence the report shows about a problem, in one place (vega-lite's
 * `src/log/message.ts` pattern): small functions taking the offending value.
 * Tests compare against these functions rather than copied strings.
 */

export const missingFigure = (id: string) =>
  `No result for ${id}: its stage is missing from the pipeline or failed in this run, and no earlier result exists.`;

export const staleFigure = (id: string, finishedAt: string) =>
  `Stale: ${id} could not be rebuilt in this run; shown is its result of ${finishedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}, whose inputs have since changed.`;

export const invalidFigure = (id: string, problem: string) => `${id} wrote a figure.json that the report cannot read: ${problem}.`;

export const severalInstances = (id: string, n: number) => `${id} has ${n} instances; the report shows the first.`;

export const droppedRows = (n: number, why: string) => `${n} row${n === 1 ? '' : 's'} not plotted: ${why}.`;

export const thinnedSeries = (series: string, from: number, to: number) =>
  `Series “${series}” thinned from ${from} to ${to} evenly spaced points for the page.`;

export const residualPair = (experiment: string, theory: string, how: 'declared' | 'only' | 'name' | 'nearest') =>
  `Residual of “${experiment}” taken against “${theory}”` +
  { declared: '.', only: ' (the only theory curve).', name: ' (matched by name).', nearest: ' (the nearest theory curve).' }[how];

export const invalidSpec = (id: string, errors: string) => `The chart of ${id} failed Vega-Lite schema validation (${errors}); its data are still in data/${id}.json.`;

export const buildFailed = (id: string, error: string) => `The report could not chart ${id} (${error}); its figure.json is in the store.`;

export const svgFailed = (id: string, error: string) => `figures/${id}.svg could not be rendered: ${error}.`;

export const noChecks = 'This figure evaluates no checks.';

export const noGit = 'not a git checkout';
