/**
 * The tfjs initialiser shared by every fp32-heavy computation.
 *
 * Backend choice, in order: tfjs-node when it happens to load (it needs
 * libtensorflow, which its install step downloads and which fails on machines
 * without network), then the wasm backend with 2 threads (measured here at
 * ~40 GFLOP/s fp32 matmul), then the plain JS cpu backend. Idempotent.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { computeThreads } from './compute.ts';

export interface TfHandle {
  tf: typeof TF;
  backend: string;
}

let ready: Promise<TfHandle> | undefined;

export interface InitTfOptions {
  /** Threads for the wasm backend (fixed at start-up). @default the compute layer's thread share (`setComputeThreads`) */
  threads?: number;
  /** Force a backend ('wasm' | 'cpu'); default: the best available. */
  backend?: 'wasm' | 'cpu';
}

export function initTf(options: InitTfOptions = {}): Promise<TfHandle> {
  ready ??= (async () => {
    const { threads = computeThreads(), backend } = options;
    if (!backend) {
      try {
        const node = (await import(/* tfjs-node is optional */ '@tensorflow/tfjs-node' as string)) as typeof TF;
        await node.ready();
        return { tf: node, backend: node.getBackend() };
      } catch {
        // not installed or libtensorflow missing: fall through to wasm
      }
    }
    const tf = await import('@tensorflow/tfjs-core');
    if (backend !== 'cpu') {
      try {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        wasm.setThreadsCount(threads);
        if (await tf.setBackend('wasm')) {
          await tf.ready();
          return { tf, backend: 'wasm' };
        }
      } catch {
        // fall through to cpu
      }
    }
    await import('@tensorflow/tfjs-backend-cpu');
    await tf.setBackend('cpu');
    await tf.ready();
    return { tf, backend: 'cpu' };
  })();
  return ready;
}
