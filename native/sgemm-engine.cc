// The single-threaded sgemm under the blocked products.
//
// Debian's OpenBLAS 0.3.21 predates this generation of CPUs, and machines like this one pin it to
// its Haswell (AVX2) kernels with OPENBLAS_CORETYPE, which the project keeps as it is. oneDNN
// (Debian's libdnnl2, Intel's open-source deep-learning kernels) picks its JIT kernels from the
// CPU's feature flags instead, so it runs AVX-512 where the CPU has it: about twice the Haswell
// kernels' rate on an AVX-512 core for the training steps' shapes (`npm run bench compute`). It is
// loaded at run time (dlopen), so the addon builds and runs without it, with OpenBLAS's sgemm.
//
// Determinism: oneDNN's gemm splits work by its thread count, so every calling thread pins its
// OpenMP thread count to 1 (a thread-local setting): one call, one thread, fixed summation order.
// The blocked partition in gemm-blocked.cc does the threading, as with OpenBLAS.
//
// Signals: oneDNN's generated AVX2/AVX-512 gemm kernels point rsp into a heap workspace, so a
// signal delivered to the thread while one runs writes its frame into the heap and corrupts it
// (uxlfoundation/oneDNN#4845, fixed upstream in 2026 by oneDNN#4855; Debian's 2.6.3 has the bug).
// Node's --cpu-prof (SIGPROF), a SLURM step's signals, or any handler would hit it. So each call
// runs with the thread's asynchronous signals blocked; they are delivered when the call returns.
//
// A self-check at load compares oneDNN with the BLAS on all four transpose cases; a mismatch
// (a kernel misbehaving on this CPU) keeps the BLAS, and `sgemmEngine().onednn` says why.
// setSgemmEngine('blas') (REPRO_SGEMM=blas, read in compute-native.ts) selects the BLAS anyway.
#include "sgemm-engine.h"
#include "blas-threads.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#ifdef REPRO_ACCELERATE
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

namespace repro {
namespace {

// oneDNN's C API (dnnl.h), declared here so that building needs no oneDNN headers.
using DnnlSgemm = int (*)(char transa, char transb, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
                          int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);
struct DnnlVersion {
  int major, minor, patch;
  const char* hash;
  unsigned cpu_runtime, gpu_runtime;
};
using DnnlVersionFn = const DnnlVersion* (*)();
using DnnlIsaFn = int (*)();
using OmpSetThreads = void (*)(int);
#ifndef REPRO_ACCELERATE
constexpr unsigned kRuntimeSeq = 1, kRuntimeOmp = 2;
#endif

struct OneDnn {
  DnnlSgemm sgemm = nullptr;
  OmpSetThreads ompSetThreads = nullptr;  // null for a sequential build
  std::string detail;                     // "oneDNN 2.6.3, avx512_core_bf16"
  std::string unavailable;                // why not, when sgemm is null
};

void blasSgemm(bool ta, bool tb, int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb,
               float beta, float* C, int ldc) {
  singleThreadedBlas();
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, alpha, A, lda, B,
              ldb, beta, C, ldc);
}

#ifndef REPRO_ACCELERATE  // (oneDNN is not loaded with Accelerate: see load())
// dnnl_cpu_isa_t values of oneDNN 2.x/3.x (bit masks; the largest named one that matches).
std::string isaName(int isa) {
  static const std::pair<int, const char*> names[] = {
      {0x3e7, "avx512_core_amx"}, {0xe7, "avx512_core_bf16"}, {0x67, "avx512_core_vnni"}, {0x27, "avx512_core"},
      {0x407, "avx2_vnni"},       {0x7, "avx2"},              {0x3, "avx"},                {0x1, "sse41"}};
  for (const auto& [mask, name] : names)
    if ((isa & mask) == mask) return name;
  return "isa 0x" + std::to_string(isa);
}

#endif

bool oneDnnCall(const OneDnn& d, bool ta, bool tb, int m, int n, int k, float alpha, const float* A, int lda,
                const float* B, int ldb, float beta, float* C, int ldc) {
  if (d.ompSetThreads) {
    thread_local bool pinned = false;
    if (!pinned) d.ompSetThreads(1), pinned = true;
  }
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &saved);  // see "Signals" above
  const int status = d.sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  return status == 0;
}

#ifndef REPRO_ACCELERATE
// oneDNN against the BLAS in all four transpose cases, β ≠ 0, on a small product and on one
// large enough for its blocked JIT kernels.
std::string selfCheck(const OneDnn& d) {
  uint32_t x = 12345;
  auto next = [&] { return (x = x * 1664525u + 1013904223u) / 4294967296.0f - 0.5f; };
  for (const auto [m, n, k] : {std::array<int, 3>{37, 29, 41}, std::array<int, 3>{300, 257, 129}}) {
    std::vector<float> A(size_t(m) * k), B(size_t(k) * n), C0(size_t(m) * n), C1(size_t(m) * n);
    for (auto& v : A) v = next();
    for (auto& v : B) v = next();
    for (int t = 0; t < 4; t++) {
      const bool ta = t & 1, tb = t & 2;
      for (size_t i = 0; i < C0.size(); i++) C0[i] = C1[i] = next();
      blasSgemm(ta, tb, m, n, k, 0.75f, A.data(), ta ? m : k, B.data(), tb ? k : n, 0.5f, C0.data(), n);
      if (!oneDnnCall(d, ta, tb, m, n, k, 0.75f, A.data(), ta ? m : k, B.data(), tb ? k : n, 0.5f, C1.data(), n))
        return "its sgemm returned an error in the self-check";
      for (size_t i = 0; i < C0.size(); i++)  // entries are O(√k); fp32 round-off is ~1e-6 of that
        if (!(std::fabs(C0[i] - C1[i]) <= 1e-5f * (1 + std::fabs(C0[i]))))
          return "its sgemm disagreed with the BLAS in the self-check (" + std::to_string(C1[i]) + " vs " +
                 std::to_string(C0[i]) + ")";
    }
  }
  return "";
}
#endif

OneDnn load() {
  OneDnn d;
#ifdef REPRO_ACCELERATE
  d.unavailable = "not used with Accelerate";
  return d;
#else
  void* lib = nullptr;
  for (const char* name : {"libdnnl.so.3", "libdnnl.so.2"})
    if ((lib = dlopen(name, RTLD_NOW | RTLD_LOCAL))) break;
  if (!lib) {
    d.unavailable = "libdnnl not found (Debian: apt-get install libdnnl2)";
    return d;
  }
  auto sgemm = reinterpret_cast<DnnlSgemm>(dlsym(lib, "dnnl_sgemm"));
  auto version = reinterpret_cast<DnnlVersionFn>(dlsym(lib, "dnnl_version"));
  auto isa = reinterpret_cast<DnnlIsaFn>(dlsym(lib, "dnnl_get_effective_cpu_isa"));
  if (!sgemm || !version || !isa) {
    d.unavailable = "libdnnl lacks dnnl_sgemm";
    return d;
  }
  const DnnlVersion* v = version();
  if (v->cpu_runtime == kRuntimeOmp) {
    void* gomp = dlopen("libgomp.so.1", RTLD_NOW | RTLD_NOLOAD);
    d.ompSetThreads = gomp ? reinterpret_cast<OmpSetThreads>(dlsym(gomp, "omp_set_num_threads")) : nullptr;
    if (!d.ompSetThreads) {
      d.unavailable = "libdnnl uses an OpenMP runtime other than libgomp";
      return d;
    }
  } else if (v->cpu_runtime != kRuntimeSeq) {
    d.unavailable = "libdnnl's threading runtime cannot be pinned to one thread";
    return d;
  }
  d.sgemm = sgemm;
  if (std::string why = selfCheck(d); !why.empty()) {
    d.sgemm = nullptr;
    d.unavailable = why;
    return d;
  }
  d.detail = "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch) +
             ", " + isaName(isa());
  return d;
#endif
}

const OneDnn& oneDnn() {
  static const OneDnn d = load();
  return d;
}

// The engine in use; set once at registration, changed only by setSgemmEngine (between products).
bool useOneDnn = false;

}  // namespace

void sgemm1(bool ta, bool tb, int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb,
            float beta, float* C, int ldc) {
  if (useOneDnn && m > 0 && n > 0 && k > 0 && oneDnnCall(oneDnn(), ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc))
    return;
  blasSgemm(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

namespace {

Napi::Value SgemmEngine(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", useOneDnn ? "onednn" : "blas");
  o.Set("onednn", oneDnn().sgemm ? oneDnn().detail : "unavailable: " + oneDnn().unavailable);
  return o;
}

Napi::Value SetSgemmEngine(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::string name = info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (name == "onednn" && !oneDnn().sgemm)
    Napi::Error::New(env, "setSgemmEngine: oneDNN is unavailable: " + oneDnn().unavailable).ThrowAsJavaScriptException();
  else if (name != "onednn" && name != "blas")
    Napi::RangeError::New(env, "setSgemmEngine: expected 'onednn' or 'blas', got '" + name + "'")
        .ThrowAsJavaScriptException();
  else
    useOneDnn = name == "onednn";
  return env.Undefined();
}

}  // namespace

void registerSgemmEngine(Napi::Env env, Napi::Object exports) {
  useOneDnn = oneDnn().sgemm != nullptr;
  exports.Set("sgemmEngine", Napi::Function::New(env, SgemmEngine));
  exports.Set("setSgemmEngine", Napi::Function::New(env, SetSgemmEngine));
}

}  // namespace repro
