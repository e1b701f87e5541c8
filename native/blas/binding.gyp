{
  "targets": [{
    "target_name": "maxella_blas",
    "sources": ["blas.c"],
    "include_dirs": ["/usr/include/x86_64-linux-gnu/openblas-pthread"],
    "libraries": ["-lopenblas", "-lm", "-lpthread"],
    "cflags": ["-O3", "-march=native", "-fno-math-errno", "-fopenmp-simd", "-fno-trapping-math", "-Wall", "-Wextra"]
  }]
}
