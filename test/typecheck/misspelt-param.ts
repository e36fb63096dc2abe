/**
 * A typecheck fixture, checked by `npm run typecheck` (never run): a misspelt param path
 * in a stage must be a type error. The params type is generated from params.schema.json
 * and params.json into schema/params.gen.ts (`npm run params:types`, run by typecheck).
 * If the type were missing or loose, the `@ts-expect-error` lines below would be unused,
 * which tsc reports as an error: so this file fails typecheck exactly when typos pass.
 */
import { defineStage } from '../../engine/stage.ts';

export default defineStage({
  name: 'typecheck-misspelt-param',
  grid: (p) => p.p1.gd.rates.map((r) => ({ r })),
  run(ctx) {
    const g = ctx.params.p1.gd;
    const eta: number = Number(ctx.instance.r) > 1 ? g.etaAbove1 : g.eta;
    // @ts-expect-error -- `etaAbove` is a typo of `etaAbove1`: it must not compile
    const typo: number = g.etaAbove;
    // @ts-expect-error -- a misspelt section name
    ctx.params.p3.sgd.runz;
    ctx.writeJson('eta.json', { eta, typo });
  },
});
