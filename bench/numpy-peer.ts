/**
 * numpy as a peer process of a benchmark (bench/compute_numpy.py): started once, then asked for
 * one repetition at a time, so a benchmark can interleave it with its own columns: on a shared
 * machine a slow spell then hits both sides of a ratio, not one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';

export interface NumpyConfig {
  numpy: string;
  blas: string;
  /** The kernel set numpy's OpenBLAS picked ('?' when it cannot be read). */
  corename: string;
}

/** Seconds per step of one repetition. */
export interface StepTimes {
  wall: number;
  cpu: number;
}

export class NumpyPeer {
  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    private readonly rl: Interface,
    readonly config: NumpyConfig,
  ) {}

  /** Starts bench/compute_numpy.py under `env`; the reason as a string when python3 or numpy is missing. */
  static async start(env: NodeJS.ProcessEnv): Promise<NumpyPeer | string> {
    const child = spawn('python3', ['bench/compute_numpy.py'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const failed = new Promise<string>((resolve) => {
      child.on('error', (e) => resolve(e.message));
      child.on('exit', () => resolve(stderr.trim().split('\n').at(-1) || 'python3 with numpy not found'));
    });
    const rl = createInterface({ input: child.stdout });
    const lines = rl[Symbol.asyncIterator]();
    const first = await Promise.race([lines.next().then((r) => (r.done ? undefined : r.value)), failed]);
    if (first === undefined || !first.startsWith('{')) {
      child.kill();
      return first ?? (await failed);
    }
    return new NumpyPeer(child, lines, rl, JSON.parse(first) as NumpyConfig);
  }

  /** One repetition of `steps` steps of the step `kind` at `shape`. */
  async run(kind: string, shape: Record<string, number>, steps: number): Promise<StepTimes> {
    this.child.stdin.write(`${JSON.stringify({ kind, ...shape, steps })}\n`);
    const r = await this.lines.next();
    if (r.done) throw new Error('numpy peer exited');
    return JSON.parse(r.value) as StepTimes;
  }

  close(): void {
    this.rl.close();
    this.child.stdin.end();
  }
}
