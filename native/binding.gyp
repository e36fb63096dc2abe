{
  # accelerate_shim=1 (GYP_DEFINES; scripts/build-native.mjs --accelerate-shim) builds the macOS
  # branch (REPRO_ACCELERATE) on Linux against accelerate-shim/, Apple's new-LAPACK interface on
  # OpenBLAS, so CI compiles and tests the code the Mac build runs. 0 (default): the build below.
  "variables": { "accelerate_shim%": 0 },
  "targets": [
    {
      "target_name": "repro_blas",
      "sources": ["blas.cc", "random.cc", "elementwise.cc", "gemm-blocked.cc", "sgemm-engine.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off"],
      "conditions": [
        ["OS=='mac'", {
          "defines": ["REPRO_ACCELERATE", "ACCELERATE_NEW_LAPACK"],
          "libraries": ["-framework Accelerate"],
          # gyp ignores cflags_cc on macOS: the same flags go here. -ffp-contract=off matters most
          # there: Apple clang fuses a*b+c into FMAs by default (always available on arm64), which
          # breaks the kernels that must equal their JS twins bit for bit (elementwise.cc, random.cc).
          # 13.3: the first macOS with the new-LAPACK symbols (*$NEWLAPACK); node's default
          # target (10.15/11.0) would weak-link them and crash at the first call on older macOS.
          "xcode_settings": {
            "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off"],
            "MACOSX_DEPLOYMENT_TARGET": "13.3"
          }
        }],
        ["OS!='mac' and accelerate_shim==1", {
          "defines": ["REPRO_ACCELERATE", "ACCELERATE_NEW_LAPACK"],
          "include_dirs": ["accelerate-shim"],
          "libraries": ["-lopenblas"]
        }],
        ["OS!='mac' and accelerate_shim!=1", {
          "libraries": ["-lopenblas", "-llapacke", "-ldl"]
        }]
      ]
    }
  ]
}
