/**
 * The quick profile through `--executor slurm` gives the same output hashes as the local
 * run, for every instance but the report (which records wall times and hosts). Slow
 * (a local run, then every instance again through SLURM): it runs where CI has started
 * the cluster (REPRO_CI_SERVICES=1) or when REPRO_TEST_SLURM_QUICK=1.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REQUIRED, slurmMissing, withService } from './services.ts';
import { quickCopy, quickHashes, removeCopy, runQuick } from './quick.ts';

const test = suite('scaleout/quick-slurm');
const wanted = REQUIRED || process.env.REPRO_TEST_SLURM_QUICK === '1';

if (!wanted) test.skip('quick profile through SLURM (set REPRO_TEST_SLURM_QUICK=1)', () => {});
else
  withService(test, 'SLURM', slurmMissing(), () => {
    test('the quick profile through SLURM: same hashes as locally (every instance but the report)', () => {
      const dir = quickCopy();
      try {
        const local = runQuick(dir, ['-j', '2']);
        assert.is(local.code, 0, local.out);
        const before = quickHashes(dir);
        const slurm = runQuick(dir, ['--executor', 'slurm', '--force']);
        console.log(`  quick profile: local -j 2 ${local.seconds.toFixed(0)} s, through SLURM ${slurm.seconds.toFixed(0)} s`);
        assert.is(slurm.code, 0, slurm.out);
        const after = quickHashes(dir);
        const ids = Object.keys(before).filter((id) => !/^report\b/.test(id));
        assert.ok(ids.length > 50, `only ${ids.length} instances`);
        const differ = ids.filter((id) => before[id] !== after[id]);
        assert.equal(differ, [], `outputs differ between local and SLURM runs: ${differ.join(', ')}`);
      } finally {
        removeCopy(dir);
      }
    });
  });

test.run();
