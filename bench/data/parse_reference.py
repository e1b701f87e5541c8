"""Reference for bench/data/parse.ts: reads the same MovieLens files with pandas.read_csv
(or Python's csv module when pandas is missing) and prints {rows, seconds, peakRssBytes, tool} as JSON."""
import json, os, re, sys, time

def peak_rss_bytes():
    with open('/proc/self/status') as f:
        return int(re.search(r'VmHWM:\s+(\d+) kB', f.read()).group(1)) * 1024

def files(folder):
    """(path, separator, encoding, header) of each file Maxella's reader reads, ratings first."""
    has = lambda f: os.path.exists(os.path.join(folder, f))
    if has('u.data'):
        spec = [('u.data', '\t', 'latin-1', None), ('u.item', '|', 'latin-1', None), ('u.user', '|', 'latin-1', None)]
    elif has('ratings.dat'):
        spec = [('ratings.dat', '::', 'latin-1', None), ('movies.dat', '::', 'latin-1', None), ('users.dat', '::', 'latin-1', None)]
    else:
        spec = [(f, ',', 'utf-8', 0) for f in ('ratings.csv', 'movies.csv', 'links.csv', 'tags.csv') if has(f)]
    return [(os.path.join(folder, f), sep, enc, header) for f, sep, enc, header in spec]

def read_pandas(folder):
    import pandas as pd
    rows = None
    for path, sep, enc, header in files(folder):
        frame = pd.read_csv(path, sep=sep, encoding=enc, header=header, engine='python' if len(sep) > 1 else 'c')
        rows = len(frame) if rows is None else rows
    return rows, 'pandas.read_csv ' + pd.__version__

def read_csv_module(folder):
    import csv
    rows = None
    for path, sep, enc, header in files(folder):
        with open(path, encoding=enc, newline='') as f:
            lines = (line.replace(sep, '\t') for line in f) if len(sep) > 1 else f
            table = list(csv.reader(lines, delimiter=sep if len(sep) == 1 else '\t'))
        count = len(table) - (1 if header == 0 else 0)
        rows = count if rows is None else rows
    return rows, 'python csv module'

started = time.perf_counter()
try:
    rows, tool = read_pandas(sys.argv[1])
except ImportError:
    rows, tool = read_csv_module(sys.argv[1])
print(json.dumps({'rows': rows, 'seconds': time.perf_counter() - started, 'peakRssBytes': peak_rss_bytes(), 'tool': tool}))
