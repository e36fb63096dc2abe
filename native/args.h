// Argument checks shared by the addon's entry points: a JS RangeError/TypeError naming the
// argument, and false, when an argument is not what the kernel needs.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

#if defined(__x86_64__) && defined(__linux__) && defined(__GNUC__)
// AVX-512, AVX2 and baseline (SSE2) versions of a hot loop, picked at load time by the CPU. The
// build turns off FMA contraction (-ffp-contract=off), so every version rounds the same
// operations the same way: the same bits on every CPU, and as the JS twins compute them.
#define REPRO_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define REPRO_CLONES
#endif

namespace repro {

inline bool fail(Napi::Env env, const std::string& msg) {
  Napi::RangeError::New(env, msg).ThrowAsJavaScriptException();
  return false;
}

// info[i] as a Float32Array (T = float) or Float64Array (T = double) of at least `need` values.
template <typename T>
bool typed(const Napi::CallbackInfo& info, size_t i, const char* name, size_t need, T** out) {
  constexpr napi_typedarray_type want = sizeof(T) == 4 ? napi_float32_array : napi_float64_array;
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != want) {
    Napi::TypeError::New(info.Env(), std::string(name) + " must be a " + (sizeof(T) == 4 ? "Float32Array" : "Float64Array"))
        .ThrowAsJavaScriptException();
    return false;
  }
  auto a = info[i].As<Napi::TypedArrayOf<T>>();
  if (a.ElementLength() < need) {
    return fail(info.Env(), std::string(name) + " has " + std::to_string(a.ElementLength()) + " values, needs at least " +
                                std::to_string(need));
  }
  *out = a.Data();
  return true;
}

inline int integer(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().Int32Value(); }
inline double num(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::Number>().DoubleValue(); }
inline size_t length(const Napi::CallbackInfo& info, size_t i) { return info[i].As<Napi::TypedArray>().ElementLength(); }

}  // namespace repro
