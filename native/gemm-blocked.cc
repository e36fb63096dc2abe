// Deterministic multi-threaded sgemm/dgemm.
//
// OpenBLAS's own threading changes its results with the thread count (it splits the work by the
// number of threads), so it stays on one thread (compute-native.ts pins it). Parallelism comes
// from here instead: C is cut into a FIXED partition of blocks — column blocks of op(B) and C, or
// row blocks of op(A) and C when C is taller than wide — chosen from (m, n, k) alone, never from
// the thread count. Each block is one single-threaded call (sgemm: oneDNN's or the BLAS's, see
// sgemm-engine.cc; dgemm: the BLAS's) on the sub-matrices, and k is
// never split, so every entry of C is summed in the same order whichever thread computes its
// block: the bytes are the same for 1, 2 or 64 threads. Small products are one unsplit call
// (again decided by the shape alone). The blocks run on a small persistent pool; the calling
// (JS) thread takes blocks too and returns when all are done.
//
// Thread safety: the pthread OpenBLAS (Debian's libopenblas0-pthread, an SMP build) locks its
// buffer pool (driver/others/memory.c), and with its thread count at 1 a gemm runs the
// single-threaded driver in the caller's thread (interface/gemm.c: args.nthreads == 1), never
// its thread server. Accelerate's cblas is thread-safe, and so is oneDNN's sgemm.
#include "gemm-blocked.h"
#include "blas-threads.h"
#include "sgemm-engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#ifdef REPRO_ACCELERATE
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

namespace repro {
namespace {

// Products under this many multiply-adds are one call, and a block has at least half as many:
// a block must outweigh handing it to another thread (~5–50 µs) and OpenBLAS's per-call cost.
constexpr double kMinSplitWork = 3.0e6;
constexpr double kBlockWork = 1.5e6;
// The narrowest block: each block packs the operand it shares with the others again, which costs
// about as much as a few multiply-adds per element, so narrow blocks waste more.
constexpr int kMinWidth = 128;
// Block widths are a multiple of this (the BLAS micro-kernels' unroll); the last block is smaller.
constexpr int kAlign = 16;
// At most this many threads (the caller and its helpers).
constexpr int kMaxThreads = 256;
// At most this many blocks (the pool's ticket counts them in 16 bits).
constexpr int kMaxBlocks = 4096;

struct Partition {
  bool byColumns;  // column blocks of C (else row blocks)
  int width;       // columns (rows) per block; the last block has the rest
  int blocks;
};

int ceilDiv(long a, long b) { return static_cast<int>((a + b - 1) / b); }

Partition partition(int m, int n, int k) {
  const bool cols = n >= m;
  const int s = cols ? n : m;
  const double work = double(m) * n * k;
  if (work < kMinSplitWork) return {cols, s, 1};
  const double perUnit = double(cols ? m : n) * k;  // multiply-adds per column (row) of C
  int width = std::max({kMinWidth, static_cast<int>(std::ceil(kBlockWork / perUnit)), ceilDiv(s, kMaxBlocks)});
  const int blocks = s / width;  // each at least `width` wide
  if (blocks <= 1) return {cols, s, 1};
  width = ceilDiv(ceilDiv(s, blocks), kAlign) * kAlign;  // even blocks
  return {cols, width, ceilDiv(s, width)};
}

// A persistent pool of helper threads; the caller takes blocks too. Blocks are claimed from a
// shared ticket (job generation, block count, next block), so a helper that wakes late (the
// cores busy with other work) finds nothing left and the caller never waits for it, only for
// blocks a helper has claimed. After a job, helpers spin, then yield, for 0.2 ms before
// they sleep: the products of a training step come back to back.
class Pool {
 public:
  void setThreads(int n) { threads_.store(std::max(1, n), std::memory_order_relaxed); }
  int threads() const { return threads_.load(std::memory_order_relaxed); }

  // Runs body(0..blocks-1), each exactly once, on up to `threads` threads; returns when all ran.
  template <typename F>
  void run(int blocks, const F& body) {
    const int want = std::min(threads(), blocks) - 1;  // helpers
    if (want <= 0) {
      for (int b = 0; b < blocks; b++) body(b);
      return;
    }
    std::lock_guard<std::mutex> submit(submit_);  // one job at a time (several JS threads)
    while (static_cast<int>(helpers_.size()) < want) {
      const int id = static_cast<int>(helpers_.size());
      helpers_.emplace_back([this, id] { helperLoop(id); });
    }
    fn_ = [](const void* ctx, int b) { (*static_cast<const F*>(ctx))(b); };
    ctx_ = &body;
    wanted_.store(want, std::memory_order_relaxed);
    finished_.store(0, std::memory_order_relaxed);
    const uint64_t gen = ((ticket_.load(std::memory_order_relaxed) >> 32) + 1) & 0xffffffffu;
    ticket_.store(gen << 32 | uint64_t(blocks) << 16, std::memory_order_release);
    {
      std::lock_guard<std::mutex> lock(mu_);
      published_.store(gen, std::memory_order_release);
    }
    wake_.notify_all();
    for (int b; (b = static_cast<int>(ticket_.fetch_add(1, std::memory_order_acq_rel) & 0xffffu)) < blocks;) {
      body(b);
      finished_.fetch_add(1, std::memory_order_acq_rel);
    }
    // Wait for the blocks helpers claimed: they are running, so spin, then yield (never sleep:
    // on a busy machine a sleeping caller can wait milliseconds for a core once woken).
    const auto done = [&] { return finished_.load(std::memory_order_acquire) >= blocks; };
    if (!spinUntil(done, kSpin))
      while (!done()) std::this_thread::yield();
  }

  void stop() {
    std::lock_guard<std::mutex> submit(submit_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : helpers_) t.join();
    helpers_.clear();
    stopping_ = false;
  }

 private:
  // Waits spin this long, then yield the core (a helper for up to kHelperYield, then sleeps):
  // waking a sleeping thread costs 5–50 µs on an idle core and milliseconds on a busy one.
  static constexpr std::chrono::microseconds kSpin{20}, kHelperYield{200};

  // Spins up to `spin` for cond(); false if it did not become true.
  template <typename C>
  static bool spinUntil(const C& cond, std::chrono::microseconds spin) {
    const auto until = std::chrono::steady_clock::now() + spin;
    for (int i = 0;; i++) {
      if (cond()) return true;
      if ((i & 63) == 63 && std::chrono::steady_clock::now() > until) return false;
      cpuRelax();
    }
  }
  // Yields the core up to `spin` while waiting for cond(); false if it did not become true.
  template <typename C>
  static bool yieldUntil(const C& cond, std::chrono::microseconds spin) {
    const auto until = std::chrono::steady_clock::now() + spin;
    while (!cond()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::yield();
    }
    return true;
  }
  static void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
  }

  void helperLoop(int id) {
    uint64_t seen = 0;
    for (;;) {
      const auto fresh = [&] { return published_.load(std::memory_order_acquire) != seen; };
      if (!spinUntil(fresh, kSpin) && !yieldUntil(fresh, kHelperYield)) {
        std::unique_lock<std::mutex> lock(mu_);
        wake_.wait(lock, [&] { return stopping_ || fresh(); });
        if (stopping_) return;
      }
      seen = published_.load(std::memory_order_acquire);
      if (id >= wanted_.load(std::memory_order_relaxed)) continue;
      for (;;) {
        uint64_t t = ticket_.load(std::memory_order_acquire);
        if ((t >> 32) != seen) break;  // a later job: that one is published separately
        if (!ticket_.compare_exchange_weak(t, t + 1, std::memory_order_acq_rel)) continue;
        const int b = static_cast<int>(t & 0xffffu), blocks = static_cast<int>((t >> 16) & 0xffffu);
        if (b >= blocks) break;
        // A valid claim in the current job: the caller waits for this block, so fn_/ctx_ hold.
        fn_(ctx_, b);
        finished_.fetch_add(1, std::memory_order_acq_rel);
      }
    }
  }

  std::mutex submit_, mu_;
  std::condition_variable wake_;
  std::vector<std::thread> helpers_;
  std::atomic<int> threads_{1};
  bool stopping_ = false;
  std::atomic<uint64_t> published_{0};
  std::atomic<uint64_t> ticket_{0};  // generation << 32 | blocks << 16 | next block
  void (*fn_)(const void*, int) = nullptr;
  const void* ctx_ = nullptr;
  std::atomic<int> wanted_{0}, finished_{0};
};

// Leaked on purpose: a static std::thread still joinable at exit would call std::terminate.
Pool& pool() {
  static Pool* p = new Pool();
  return *p;
}

inline void gemm1(bool ta, bool tb, int m, int n, int k, float alpha, const float* A, int lda, const float* B, int ldb,
                  float beta, float* C, int ldc) {
  sgemm1(ta, tb, m, n, k, alpha, A, std::max(lda, 1), B, std::max(ldb, 1), beta, C, std::max(ldc, 1));
}
inline void gemm1(bool ta, bool tb, int m, int n, int k, double alpha, const double* A, int lda, const double* B,
                  int ldb, double beta, double* C, int ldc) {
  singleThreadedBlas();
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n, k, alpha, A,
              std::max(lda, 1), B, std::max(ldb, 1), beta, C, std::max(ldc, 1));
}

Napi::Value SetGemmThreads(const Napi::CallbackInfo& info) {
  const int n = info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 0;
  if (n < 1) {
    Napi::RangeError::New(info.Env(), "setGemmThreads: n must be a positive integer, got " + info[0].ToString().Utf8Value())
        .ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  pool().setThreads(std::min(n, kMaxThreads));
  return info.Env().Undefined();
}

Napi::Value GemmThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), pool().threads()); }

Napi::Value GemmBlocks(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto p = partition(info[0].As<Napi::Number>().Int32Value(), info[1].As<Napi::Number>().Int32Value(),
                           info[2].As<Napi::Number>().Int32Value());
  Napi::Object o = Napi::Object::New(env);
  o.Set("byColumns", p.byColumns);
  o.Set("width", p.width);
  o.Set("blocks", p.blocks);
  return o;
}

}  // namespace

template <typename T>
void blockedGemm(bool ta, bool tb, int m, int n, int k, T alpha, const T* A, const T* B, T beta, T* C) {
  const int lda = ta ? m : k, ldb = tb ? k : n;
  const Partition p = partition(m, n, k);
  if (p.blocks == 1) return gemm1(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, n);
  const bool byColumns = p.byColumns;
  const int width = p.width;
  pool().run(p.blocks, [&](int b) {
    const int lo = b * width, len = std::min(width, (byColumns ? n : m) - lo);
    if (byColumns) {  // C[:, lo:lo+len] = op(A) · op(B)[:, lo:lo+len]
      const T* Bb = tb ? B + size_t(lo) * k : B + lo;
      gemm1(ta, tb, m, len, k, alpha, A, lda, Bb, ldb, beta, C + lo, n);
    } else {  // C[lo:lo+len, :] = op(A)[lo:lo+len, :] · op(B)
      const T* Ab = ta ? A + lo : A + size_t(lo) * k;
      gemm1(ta, tb, len, n, k, alpha, Ab, lda, B, ldb, beta, C + size_t(lo) * n, n);
    }
  });
}

template void blockedGemm<float>(bool, bool, int, int, int, float, const float*, const float*, float, float*);
template void blockedGemm<double>(bool, bool, int, int, int, double, const double*, const double*, double, double*);

void registerBlockedGemm(Napi::Env env, Napi::Object exports) {
  exports.Set("setGemmThreads", Napi::Function::New(env, SetGemmThreads));
  exports.Set("gemmThreads", Napi::Function::New(env, GemmThreads));
  exports.Set("gemmBlocks", Napi::Function::New(env, GemmBlocks));
  napi_add_env_cleanup_hook(env, [](void*) { pool().stop(); }, nullptr);
}

}  // namespace repro
