"""The training steps of bench/compute.bench.ts in numpy (float32), timed the same way.

A peer process for interleaved timing: prints one JSON line with the numpy/BLAS configuration,
then for every JSON line {kind, ...shape, steps} on stdin runs that many steps and prints
{"wall": s, "cpu": s}, seconds per step (perf_counter and process_time around the loop).
"""
import ctypes
import glob
import json
import os
import sys
import time

import numpy as np



class Clock:
    """Wall and CPU seconds from start() to stop()."""

    def start(self):
        self.w, self.c = time.perf_counter(), time.process_time()

    def stop(self):
        return time.perf_counter() - self.w, time.process_time() - self.c


clock = Clock()


def p1(n, d, steps, rng):
    W = rng.standard_normal((n, d)).astype(np.float32)
    W /= np.linalg.norm(W, axis=1, keepdims=True)
    G = (W @ W.T).astype(np.float64)
    M = np.arcsin(np.clip(G, -1 + 1e-6, 1 - 1e-6))
    np.fill_diagonal(M, np.pi / 2)
    X = np.linalg.inv(M).astype(np.float32)
    Y = X @ W
    eye = np.eye(n, dtype=np.float32)
    off = ~np.eye(n, dtype=bool)
    clock.start()
    for t in range(steps):
        G = W @ W.T
        Gc = np.where(off, np.clip(G, -1 + 1e-6, 1 - 1e-6), np.float32(0))
        M = np.arcsin(Gc)
        np.fill_diagonal(M, np.pi / 2)
        R = W - M @ Y
        if t % 10 == 0 or np.abs(R).max() > 1e-4:
            X = X @ (2 * eye - M @ X)
        Y = Y + X @ R
        DP = np.where(off, 1 / np.sqrt(1 - Gc * Gc), np.float32(0)) * (Y @ Y.T)
        g = 2 * (Y - DP @ W)
        W = W + 0.05 * (g - np.sum(g * W, axis=1, keepdims=True) * W)
        W /= np.linalg.norm(W, axis=1, keepdims=True)
    return clock.stop()


def p2(d, batch, steps, rng, p=0.3):
    n = d
    W = rng.standard_normal((d, n)).astype(np.float32)
    W /= np.linalg.norm(W, axis=0, keepdims=True)
    At = (0.01 * rng.standard_normal((n, d))).astype(np.float32)
    state = [np.zeros_like(W), np.zeros_like(W), np.zeros_like(At), np.zeros_like(At)]
    b1, b2, lr, eps = 0.9, 0.999, 3e-3, 1e-8
    clock.start()
    for step in range(1, steps + 1):
        X = (rng.standard_normal((batch, d)) * (rng.random((batch, d)) < p) / np.sqrt(p)).astype(np.float32)
        T = X @ W
        Z = np.where(T >= 0, np.float32(1), np.float32(-1))
        R = Z @ At - X
        gAt = (2 / batch) * (Z.T @ R)
        th = np.tanh(T)
        gW = X.T @ (((2 / batch) * (R @ At.T)) * (1 - th * th))
        for k, (x, g) in enumerate(((W, gW), (At, gAt))):
            m, v = state[2 * k], state[2 * k + 1]
            m *= b1; m += (1 - b1) * g
            v *= b2; v += (1 - b2) * g * g
            x -= lr * (m / (1 - b1 ** step)) / (np.sqrt(v / (1 - b2 ** step)) + eps)
        W /= np.linalg.norm(W, axis=0, keepdims=True)
    return clock.stop()


def p3(d, N, B, steps, rng, eps=1e-3):
    ThT = (0.01 * rng.standard_normal((d, N))).astype(np.float32)
    std = np.full(d, 1 / np.sqrt(d), dtype=np.float32)
    force = np.float32(eps * d / B)
    clock.start()
    for _ in range(steps):
        X = (rng.standard_normal((B, d)).astype(np.float32)) * std
        S = np.tanh(X @ ThT)
        E = X - (S @ ThT.T) / N
        A = (E @ ThT) * (1 - S * S)
        ThT += force * (E.T @ S + X.T @ A)
    return clock.stop()


def corename():
    """The kernel set numpy's bundled OpenBLAS picked (what threadpoolctl reports), or '?'."""
    try:
        libs = glob.glob(os.path.join(os.path.dirname(np.__file__), '..', 'numpy.libs', '*openblas*'))
        lib = ctypes.CDLL(libs[0])
        for name in ('scipy_openblas_get_corename64_', 'openblas_get_corename64_', 'openblas_get_corename'):
            if hasattr(lib, name):
                f = getattr(lib, name)
                f.restype = ctypes.c_char_p
                return f().decode()
    except (IndexError, OSError):
        pass
    return '?'


def main():
    cfg = np.show_config(mode='dicts') if hasattr(np, 'show_config') else {}
    blas = cfg.get('Build Dependencies', {}).get('blas', {}) if isinstance(cfg, dict) else {}
    blas_name = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    print(json.dumps({'numpy': np.__version__, 'blas': blas_name, 'corename': corename()}), flush=True)
    rng = np.random.default_rng(1)
    steps = {'p1': lambda j: p1(j['n'], j['d'], j['steps'], rng),
             'p2': lambda j: p2(j['d'], j['batch'], j['steps'], rng),
             'p3': lambda j: p3(j['d'], j['N'], j['B'], j['steps'], rng)}
    for line in sys.stdin:
        j = json.loads(line)
        wall, cpu = steps[j['kind']](j)
        print(json.dumps({'wall': wall / j['steps'], 'cpu': cpu / j['steps']}), flush=True)


main()
