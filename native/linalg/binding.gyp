{
  "targets": [{
    "target_name": "maxella_linalg",
    "sources": ["linalg.c"],
    "libraries": ["-lopenblas", "-lm"],
    "cflags": ["-O2", "-Wall", "-Wextra"]
  }]
}
