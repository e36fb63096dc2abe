// Random-number kernels behind science/numerics/rng.ts: MT19937 on the caller's state (a
// Uint32Array of 624 words + read index), advanced exactly as science/numerics/mt19937.ts does in
// JS, so one seed gives one stream on both backends. Uniforms (res53) are integer arithmetic:
// identical bits. Normals are stdlib's improved ziggurat (Doornik 2005) on stdlib's tables, handed
// over from JS by rngZigguratInit, with stdlib's exp and ln (stdlib-math.h): the same words, the
// same decisions, the same bits as JS. The other laws' logs are the C library's (an fp64 ulp).
// Single-threaded by design: the stream never depends on a thread count.
#include <napi.h>

#include <cmath>
#include <cstdint>
#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>

#include "args.h"
#include "stdlib-math.h"

namespace {

constexpr int kWords = 624;
constexpr int kM = 397;

// The state's next kWords words, in place (mt19937.ts twist).
REPRO_CLONES void twist(uint32_t* s) {
  int i = 0;
  for (; i < kWords - kM; i++) {
    uint32_t w = (s[i] & 0x80000000u) | (s[i + 1] & 0x7fffffffu);
    s[i] = s[i + kM] ^ (w >> 1) ^ ((w & 1u) ? 0x9908b0dfu : 0u);
  }
  for (; i < kWords - 1; i++) {
    uint32_t w = (s[i] & 0x80000000u) | (s[i + 1] & 0x7fffffffu);
    s[i] = s[i + kM - kWords] ^ (w >> 1) ^ ((w & 1u) ? 0x9908b0dfu : 0u);
  }
  uint32_t w = (s[kWords - 1] & 0x80000000u) | (s[0] & 0x7fffffffu);
  s[kWords - 1] = s[kM - 1] ^ (w >> 1) ^ ((w & 1u) ? 0x9908b0dfu : 0u);
}

// out[k] = the tempered s[k] for k in [from, kWords): the words mt19937.ts returns.
REPRO_CLONES void temper(const uint32_t* __restrict s, uint32_t* __restrict out, int from) {
  for (int k = from; k < kWords; k++) {
    uint32_t r = s[k];
    r ^= r >> 11;
    r ^= (r << 7) & 0x9d2c5680u;
    r ^= (r << 15) & 0xefc60000u;
    r ^= r >> 18;
    out[k] = r;
  }
}

// A reader of the caller's state (a Uint32Array of kWords words, then the read index): the same
// words as mt19937.ts, tempered a state at a time into a local buffer (one vectorised pass
// instead of a load, four shift-xors and a store of the index per word). The index is written
// back when the reader goes out of scope, so the JS side continues the stream exactly.
class Mt {
 public:
  explicit Mt(uint32_t* s) : s_(s), i_(std::min<uint32_t>(s[kWords], kWords)) {
    if (i_ < kWords) temper(s_, words_, static_cast<int>(i_));
  }
  Mt(const Mt&) = delete;
  Mt& operator=(const Mt&) = delete;
  ~Mt() { s_[kWords] = i_; }

  inline uint32_t word() {
    if (i_ >= kWords) [[unlikely]] {
      twist(s_);
      temper(s_, words_, 0);
      i_ = 0;
    }
    return words_[i_++];
  }
  inline double uniform() {
    double a = word() >> 5;
    double b = word() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

 private:
  uint32_t* s_;
  uint32_t i_;
  uint32_t words_[kWords];
};

// stdlib's ziggurat tables (mt19937.ts zigguratTables): X[0..128] and R[i] = X[i+1]/X[i].
constexpr int kZigBlocks = 128;
constexpr double kZigTail = 3.442619855899;
// Process-wide (worker threads share the addon): written once under zigInit, read after zigReady.
double zigX[kZigBlocks + 1];
double zigR[kZigBlocks];
std::atomic<bool> zigReady{false};
std::mutex zigInit;

// stdlib's sample_tail: beyond r, on the sign of u.
double zigTail(Mt& g, bool negative) {
  double x, y;
  do {
    x = stdlib_math::ln(g.uniform()) / kZigTail;
    y = stdlib_math::ln(g.uniform());
  } while (-2.0 * y < x * x);
  return negative ? x - kZigTail : kZigTail - x;
}

// stdlib's improved ziggurat: u = 2·res53 − 1, then block i = next word & 127 (mt19937.ts mtNormal).
// The rectangle test accepts ~99 % of draws; it is inlined, the rest (tail, wedge, retries) is
// not, so the fill loops around it stay small.
__attribute__((noinline)) double normalBeyond(Mt& g, double u, int i);

__attribute__((always_inline)) inline double normal(Mt& g) {
  const double u = 2.0 * g.uniform() - 1.0;
  const int i = static_cast<int>(g.word() & 127u);
  if (std::fabs(u) < zigR[i]) return u * zigX[i];
  return normalBeyond(g, u, i);
}

// The draw (u, i) missed its block's rectangle: the tail or the wedge test, then fresh draws.
double normalBeyond(Mt& g, double u, int i) {
  for (;;) {
    if (i == 0) return zigTail(g, u < 0.0);
    const double x = u * zigX[i];
    const double x2 = x * x;
    const double f0 = stdlib_math::exp(-0.5 * (zigX[i] * zigX[i] - x2));
    const double f1 = stdlib_math::exp(-0.5 * (zigX[i + 1] * zigX[i + 1] - x2));
    if (f1 + g.uniform() * (f0 - f1) < 1.0) return x;
    u = 2.0 * g.uniform() - 1.0;
    i = static_cast<int>(g.word() & 127u);
    if (std::fabs(u) < zigR[i]) return u * zigX[i];
  }
}

// The sparse laws' codes (rngSparse): 0 gauss, 1 rademacher, 2 uniform, 3 laplace, 4 mask (Y ≡ 1).
template <int Law>
inline double nonzero(Mt& g) {
  if constexpr (Law == 0) {
    return normal(g);
  } else if constexpr (Law == 1) {  // one word's top bit (the sign res53 would give, at half the words)
    return static_cast<double>(2 * static_cast<int>(g.word() >> 31) - 1);
  } else if constexpr (Law == 2) {
    return std::sqrt(3.0) * (2.0 * g.uniform() - 1.0);
  } else if constexpr (Law == 4) {
    return 1.0;
  } else {
    double e = -std::log(1.0 - g.uniform()) / 1.4142135623730951;
    return g.uniform() < 0.5 ? -e : e;
  }
}

// mt19937.ts SPARSE_DENSE_FROM: from this p on, one word per entry's Bernoulli (w < ⌊p·2³²⌋).
constexpr double kSparseDenseFrom = 0.25;
// Entries per block of the dense method: the block's words first (no branch on them), then Y for
// its non-zeros in order (mt19937.ts SPARSE_BLOCK).
constexpr int kSparseBlock = 256;

template <int Law, typename T>
void sparse(Mt& g, T* out, int64_t n, double p) {
  double scale = 1.0 / std::sqrt(p);
  if (p == 1.0) {
    for (int64_t i = 0; i < n; i++) out[i] = static_cast<T>(nonzero<Law>(g));
    return;
  }
  if (p >= kSparseDenseFrom) {
    const uint64_t t = static_cast<uint64_t>(std::floor(p * 4294967296.0));
    int32_t nonzeros[kSparseBlock];
    for (int64_t b = 0; b < n; b += kSparseBlock) {
      const int64_t e = std::min<int64_t>(n, b + kSparseBlock);
      int k = 0;
      for (int64_t i = b; i < e; i++) {
        out[i] = static_cast<T>(0);
        nonzeros[k] = static_cast<int32_t>(i - b);
        k += g.word() < t ? 1 : 0;
      }
      for (int q = 0; q < k; q++) out[b + nonzeros[q]] = static_cast<T>(scale * nonzero<Law>(g));
    }
    return;
  }
  for (int64_t i = 0; i < n; i++) out[i] = 0;
  double logq = std::log1p(-p);
  auto gap = [&]() { return std::floor(std::log(1.0 - g.uniform()) / logq); };
  // Gaps are floats: a huge one (p tiny) must end the loop, not overflow an integer.
  for (double i = gap(); i < static_cast<double>(n); i += 1.0 + gap()) {
    out[static_cast<int64_t>(i)] = static_cast<T>(scale * nonzero<Law>(g));
  }
}

// info[0] is the generator's Uint32Array(625), returned (nullptr after a JS exception); normals also
// need the ziggurat tables.
uint32_t* stateArgs(const Napi::CallbackInfo& info, bool normals) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array ||
      info[0].As<Napi::Uint32Array>().ElementLength() != kWords + 1) {
    Napi::TypeError::New(env, "mt must be the generator's Uint32Array(625)").ThrowAsJavaScriptException();
    return nullptr;
  }
  if (normals && !zigReady.load(std::memory_order_acquire)) {
    Napi::Error::New(env, "the ziggurat tables are not set: call rngZigguratInit first (science/numerics/rng.ts does)").ThrowAsJavaScriptException();
    return nullptr;
  }
  return info[0].As<Napi::Uint32Array>().Data();
}

// out is a Float32Array or Float64Array: call f(T* data, n).
template <typename F>
bool withFloats(const Napi::CallbackInfo& info, size_t i, F f) {
  if (info[i].IsTypedArray()) {
    auto t = info[i].As<Napi::TypedArray>().TypedArrayType();
    if (t == napi_float32_array) {
      auto a = info[i].As<Napi::Float32Array>();
      f(a.Data(), static_cast<int64_t>(a.ElementLength()));
      return true;
    }
    if (t == napi_float64_array) {
      auto a = info[i].As<Napi::Float64Array>();
      f(a.Data(), static_cast<int64_t>(a.ElementLength()));
      return true;
    }
  }
  Napi::TypeError::New(info.Env(), "out must be a Float32Array or Float64Array").ThrowAsJavaScriptException();
  return false;
}

// rngUniform(mt, out: Float64Array)
Napi::Value RngUniform(const Napi::CallbackInfo& info) {
  uint32_t* st = stateArgs(info, false);
  if (!st) return info.Env().Undefined();
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    Napi::TypeError::New(info.Env(), "out must be a Float64Array").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  auto a = info[1].As<Napi::Float64Array>();
  double* out = a.Data();
  Mt g(st);
  for (size_t i = 0, n = a.ElementLength(); i < n; i++) out[i] = g.uniform();
  return info.Env().Undefined();
}

// rngZigguratInit(x: Float64Array(129), r: Float64Array(128)): stdlib's tables, from JS.
Napi::Value RngZigguratInit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[0].As<Napi::Float64Array>().ElementLength() != kZigBlocks + 1 || !info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array ||
      info[1].As<Napi::Float64Array>().ElementLength() != kZigBlocks) {
    Napi::TypeError::New(env, "rngZigguratInit(x: Float64Array(129), r: Float64Array(128))").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  const double* x = info[0].As<Napi::Float64Array>().Data();
  const double* r = info[1].As<Napi::Float64Array>().Data();
  std::lock_guard<std::mutex> lock(zigInit);
  if (zigReady.load(std::memory_order_acquire)) {  // a second caller (another thread, bundle) must agree
    if (!std::equal(x, x + kZigBlocks + 1, zigX) || !std::equal(r, r + kZigBlocks, zigR)) {
      Napi::Error::New(env, "rngZigguratInit: other tables than the ones already set").ThrowAsJavaScriptException();
    }
    return env.Undefined();
  }
  std::copy_n(x, kZigBlocks + 1, zigX);
  std::copy_n(r, kZigBlocks, zigR);
  zigReady.store(true, std::memory_order_release);
  return env.Undefined();
}

// rngNormal(mt, out)
Napi::Value RngNormal(const Napi::CallbackInfo& info) {
  uint32_t* st = stateArgs(info, true);
  if (!st) return info.Env().Undefined();
  withFloats(info, 1, [&](auto* out, int64_t n) {
    Mt g(st);
    using T = std::remove_pointer_t<decltype(out)>;
    for (int64_t i = 0; i < n; i++) out[i] = static_cast<T>(normal(g));
  });
  return info.Env().Undefined();
}

// rngSparse(mt, out, p, law) with law 0 gauss, 1 rademacher, 2 uniform, 3 laplace, 4 mask (Y ≡ 1).
Napi::Value RngSparse(const Napi::CallbackInfo& info) {
  uint32_t* st = stateArgs(info, true);
  if (!st) return info.Env().Undefined();
  double p = info[2].As<Napi::Number>().DoubleValue();
  int law = info[3].As<Napi::Number>().Int32Value();
  if (!(p > 0 && p <= 1) || law < 0 || law > 4) {
    Napi::RangeError::New(info.Env(), "rngSparse: p must be in (0, 1] and law in 0..4").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  withFloats(info, 1, [&](auto* out, int64_t n) {
    Mt g(st);
    switch (law) {
      case 0: return sparse<0>(g, out, n, p);
      case 1: return sparse<1>(g, out, n, p);
      case 2: return sparse<2>(g, out, n, p);
      case 3: return sparse<3>(g, out, n, p);
      default: return sparse<4>(g, out, n, p);
    }
  });
  return info.Env().Undefined();
}

// rngGaussianRows(mt, out: Float32Array, std: Float64Array): out[o] = std[o % d]·(the normal stream).
Napi::Value RngGaussianRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t* st = stateArgs(info, true);
  if (!st) return env.Undefined();
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
      !info[2].IsTypedArray() || info[2].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    Napi::TypeError::New(env, "rngGaussianRows(mt, out: Float32Array, std: Float64Array)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  auto o = info[1].As<Napi::Float32Array>();
  auto s = info[2].As<Napi::Float64Array>();
  float* out = o.Data();
  const double* sd = s.Data();
  const int64_t n = static_cast<int64_t>(o.ElementLength());
  const int64_t d = static_cast<int64_t>(s.ElementLength());
  if (d == 0 || n % d != 0) {
    Napi::RangeError::New(env, "rngGaussianRows: out is not whole rows of std.length").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Mt g(st);
  for (int64_t k = 0, j = 0; k < n; k++) {  // j = k % d
    out[k] = static_cast<float>(sd[j] * normal(g));
    if (++j == d) j = 0;
  }
  return env.Undefined();
}

}  // namespace

void RegisterRandom(Napi::Env env, Napi::Object exports) {
  exports.Set("rngUniform", Napi::Function::New(env, RngUniform));
  exports.Set("rngZigguratInit", Napi::Function::New(env, RngZigguratInit));
  exports.Set("rngNormal", Napi::Function::New(env, RngNormal));
  exports.Set("rngSparse", Napi::Function::New(env, RngSparse));
  exports.Set("rngGaussianRows", Napi::Function::New(env, RngGaussianRows));
}
