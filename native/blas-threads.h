// One BLAS thread per calling thread, whatever the environment says.
//
// A threaded BLAS splits a product by its thread count, and the bytes change with it; the addon
// gets its parallelism from its own fixed partition instead (gemm-blocked.cc), so every BLAS and
// LAPACK call runs on the thread that makes it. OpenBLAS: setThreads(1) from compute-native.ts
// (one global setting). Accelerate: VECLIB_MAXIMUM_THREADS=1, set by compute-native.ts before
// vecLib loads, unless the user set it (numpy users often do); and from macOS 15 on,
// BLASSetThreading, which is per thread: each thread calls it once, before its first BLAS call.
#pragma once

#ifdef REPRO_ACCELERATE
#include <Accelerate/Accelerate.h>
#endif

namespace repro {

inline void singleThreadedBlas() {
#ifdef REPRO_ACCELERATE
  thread_local const bool pinned = [] {
#if defined(__clang__)
    if (__builtin_available(macOS 15.0, *)) BLASSetThreading(BLAS_THREADING_SINGLE_THREADED);
#else  // (gcc: only the Linux shim build, whose BLASSetThreading is OpenBLAS's thread count)
    BLASSetThreading(BLAS_THREADING_SINGLE_THREADED);
#endif
    return true;
  }();
  (void)pinned;
#endif
}

}  // namespace repro
