// Deterministic multi-threaded gemm (see gemm-blocked.cc): the same bytes for any thread count.
#pragma once
#include <napi.h>

namespace repro {

// C ← α op(A) op(B) + β C, row-major, op(A) m×k, op(B) k×n, lda/ldb/ldc the dense ones. C is cut
// into a fixed set of blocks (a function of m, n, k only), each computed by one single-threaded
// BLAS call; the blocks run on `gemmThreads()` threads (the caller's included).
template <typename T>
void blockedGemm(bool ta, bool tb, int m, int n, int k, T alpha, const T* A, const T* B, T beta, T* C);

// Exports setGemmThreads(n), gemmThreads() and gemmBlocks(m, n, k) → [byColumns, width, blocks].
void registerBlockedGemm(Napi::Env env, Napi::Object exports);

}  // namespace repro
