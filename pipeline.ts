/**
 * The pipeline: every figure of the three papers, in the papers' order.
 * Each entry is a stage module; see engine/stage.ts for what a stage declares.
 */
import { definePipeline } from './engine/pipeline.ts';

export default definePipeline({
  stages: [
    // ── Real data (shared by P1 E5, P2 F6, P3 R6) ────────────────────────────
    'stages/data-digits.ts',
    'stages/data-mnist.ts',
    'stages/data-fashion-mnist.ts',
    'stages/data-cifar10.ts',

    // ── Paper 1: fundamental limits of sign autoencoders ─────────────────────
    'stages/p1-gd.ts',
    'stages/p1-gd-variant.ts',
    'stages/p1-e1.ts',
    'stages/p1-e2.ts',
    'stages/p1-e3.ts',
    'stages/p1-e4-gd.ts',
    'stages/p1-e4.ts',
    'stages/p1-e6-frame.ts',
    'stages/p1-e6.ts',
    // E5 last, behind its own stages (needs data-mnist)
    'stages/p1-e5-train.ts',
    'stages/p1-e5-s3.ts',
    'stages/p1-e5-raw.ts',
    'stages/p1-e5.ts',

    // ── Paper 2: structured (sparse) data ────────────────────────────────────
    'stages/p2-gd.ts',
    'stages/p2-vamp-sim.ts',
    'stages/p2-f1.ts',
    'stages/p2-f2.ts',
    'stages/p2-f3.ts',
    'stages/p2-f4.ts',
    'stages/p2-f5.ts',
    // F6 last, behind its own stages (needs data-mnist)
    'stages/p2-f6-gd.ts',
    'stages/p2-f6.ts',

    // ── Paper 3: mean-field dynamics of weight-tied autoencoders ─────────────
    'stages/p3-sgd-gauss.ts',
    'stages/p3-sgd-nsweep.ts',
    'stages/p3-r1.ts',
    'stages/p3-r2.ts',
    'stages/p3-r3.ts',
    'stages/p3-r4.ts',
    'stages/p3-r5.ts',
    // R6 last, behind its own stages (needs data-digits)
    'stages/p3-sgd-digits.ts',
    'stages/p3-r6.ts',

    // ── The report ───────────────────────────────────────────────────────────
    'stages/report.ts',
  ],
});
