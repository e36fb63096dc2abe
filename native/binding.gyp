{
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
          "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17", "-ffp-contract=off"] }
        }, {
          "libraries": ["-lopenblas", "-llapacke", "-ldl"]
        }]
      ]
    }
  ]
}
