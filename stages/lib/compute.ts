/**
 * The compute backend for a stage: sized to the instance's CPU share (`ctx.cpus`), following
 * that share while the instance runs (`ctx.onCpusChange`: the pool hands over freed cores), and
 * recorded as provenance (`ctx.record`, never in the key: both backends give the same numbers
 * to fp32 round-off).
 */
import type { StageContext } from '../../engine/stage.ts';
import { loadCompute, setComputeThreads, type Backend, type Compute } from '../../science/numerics/compute.ts';

export async function stageCompute(ctx: Pick<StageContext, 'cpus' | 'onCpusChange' | 'record'>, backend?: Backend): Promise<Compute> {
  setComputeThreads(ctx.cpus);
  const compute = await loadCompute({ backend });
  ctx.onCpusChange((n) => setComputeThreads(n));
  ctx.record({ compute: compute.detail });
  return compute;
}
