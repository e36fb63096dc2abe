// The single-threaded sgemm under the blocked products (gemm-blocked.cc): oneDNN's when the
// system has it (loaded at run time, see sgemm-engine.cc), else the BLAS's.
#pragma once
#include <napi.h>

namespace repro {

// C ← α op(A) op(B) + β C, row-major, on the calling thread only.
void sgemm1(bool ta, bool tb, int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb,
            float beta, float* C, int ldc);

// Exports sgemmEngine() → { name: 'onednn' | 'blas', detail, onednn: why not when unavailable }
// and setSgemmEngine(name).
void registerSgemmEngine(Napi::Env env, Napi::Object exports);

}  // namespace repro
