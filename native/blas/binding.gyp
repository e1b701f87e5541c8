{
  "targets": [{
    "target_name": "maxella_blas",
    "sources": ["blas.c"],
    "include_dirs": ["/usr/include/x86_64-linux-gnu/openblas-pthread"],
    "libraries": ["-lopenblas"],
    "cflags": ["-O3", "-march=x86-64-v2", "-Wall", "-Wextra"]
  }]
}
