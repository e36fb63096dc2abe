// A stand-in for <Accelerate/Accelerate.h> on Linux — our own declarations, not Apple's header.
// It provides what native/*.cc use under REPRO_ACCELERATE from Accelerate's new-LAPACK interface
// (macOS 13.3+, ACCELERATE_NEW_LAPACK), declared as Apple's vecLib headers declare it
// (lapack_types.h, cblas_new.h, lapack.h: LP64 __LAPACK_int, const inputs), and backed by
// OpenBLAS. binding.gyp's accelerate_shim=1 builds the addon with it, so CI compiles and runs the
// macOS branch. Keep it no more permissive than Apple's headers: what compiles here must compile
// on a Mac (checked once against the SDK's headers: see README.md in this directory).
#pragma once

#ifndef ACCELERATE_NEW_LAPACK
#error "native/ uses Accelerate's new LAPACK interface: define ACCELERATE_NEW_LAPACK"
#endif
#ifdef ACCELERATE_LAPACK_ILP64
#error "the shim is LP64 only (Debian's OpenBLAS has 32-bit integers)"
#endif

// lapack_types.h, LP64: Fortran INTEGER is a 32-bit int.
typedef int __LAPACK_int;

#ifndef REPRO_SHIM_LAPACK_ONLY  // (defined only to check the LAPACK prototypes against Apple's)
// cblas_new.h: the CBLAS enums (same values) and cblas_* routines, as OpenBLAS's cblas.h has them.
#include <cblas.h>
// thread_api.h (macOS 15+): single- or multi-threaded BLAS for the calling thread. OpenBLAS has
// one global thread count instead, which serves: the addon only ever asks for one thread.
enum BLAS_THREADING : unsigned int {
  BLAS_THREADING_MULTI_THREADED = 0,
  BLAS_THREADING_SINGLE_THREADED,
  BLAS_THREADING_MAX_OPTIONS
};
inline int BLASSetThreading(const enum BLAS_THREADING threading) {
  openblas_set_num_threads(threading == BLAS_THREADING_SINGLE_THREADED ? 1 : openblas_get_num_procs());
  return 0;
}
// OpenBLAS's cblas.h also declares its own extensions, which Accelerate does not have: a call to
// one under REPRO_ACCELERATE must fail to compile here as it would on a Mac.
#pragma GCC poison openblas_set_num_threads openblas_get_num_threads openblas_get_num_procs
#pragma GCC poison openblas_get_corename openblas_get_config openblas_get_parallel goto_set_num_threads
#endif

#ifdef __cplusplus
extern "C" {
#endif

// lapack.h: the LAPACK routines native/blas.cc calls. (Apple's _Nonnull/_Nullable annotations
// are clang-only and change no type; its __asm aliases pick the $NEWLAPACK symbols on a Mac.)
void dsyevd_(const char* jobz, const char* uplo, const __LAPACK_int* n, double* a, const __LAPACK_int* lda, double* w,
             double* work, const __LAPACK_int* lwork, __LAPACK_int* iwork, const __LAPACK_int* liwork,
             __LAPACK_int* info);
void dpotrf_(const char* uplo, const __LAPACK_int* n, double* a, const __LAPACK_int* lda, __LAPACK_int* info);
void dgelqf_(const __LAPACK_int* m, const __LAPACK_int* n, double* a, const __LAPACK_int* lda, double* tau,
             double* work, const __LAPACK_int* lwork, __LAPACK_int* info);
void dorglq_(const __LAPACK_int* m, const __LAPACK_int* n, const __LAPACK_int* k, double* a, const __LAPACK_int* lda,
             const double* tau, double* work, const __LAPACK_int* lwork, __LAPACK_int* info);

#ifdef __cplusplus
}
#endif
