"""PyTorch CPU reference for bench/train: the same four workloads as maxella.ts, on synthetic ids.

Run it with Debian's interpreter (the one that has python3-torch):

    /usr/bin/python3 bench/train/reference.py [--workloads two-tower,ranking,dcn,top100] [--seconds 3]

Without --threads it runs itself once per thread count (1 and 2) in a child process, with the fair
settings of DESIGN.md set *before* torch loads (glibc malloc never returns memory to the OS and never
mmaps, OpenMP threads sleep when idle, OpenBLAS and torch use the same pinned thread count), and
reports the faster run of each workload. Prints one JSON object on stdout:

    {"tool": "pytorch 1.13.1", "batch": 4096, "workloads": {"two-tower": {"examplesPerSecond": ..,
     "threads": 1, "steps": .., "byThreads": {"1": .., "2": ..}}, ...}}

Workloads (batch 4096 unless --batch says otherwise):
  two-tower  in-batch softmax retrieval: 6,040×64 users, 3,706×64 movies, logits = U·Mᵀ, sum-reduced
             softmax cross-entropy (labels on the diagonal), Adagrad 0.1 with sparse embedding gradients
  ranking    embeddings 64 (users, movies) → Dense 256-128-1 (relu), MSE, Adagrad 0.1 (sparse embedding gradients)
  dcn        6 features × 32 → one full cross layer on 192 → Dense 192-192 (relu) → 1, MSE, Adam 0.01:
             SparseAdam (lazy: only the batch's rows) on the embeddings, Adam on the layers

Optimizers are Maxella's algorithms (src/train/optimizers.ts): embedding tables are updated lazily
(only the rows in the batch, duplicate ids summed first), dense layers densely. For Adagrad lazy and
dense give the same numbers (a zero gradient changes nothing); for Adam they differ, so both sides
run lazy Adam on the tables.
  top100     brute-force top-100 of 3,706×64 candidates for batches of 4,096 64-d queries (queries/s)
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

WORKLOADS = ('two-tower', 'ranking', 'dcn', 'top100')
USERS, MOVIES = 6040, 3706
# The DCN tutorial's features with ML-1M vocabulary sizes (+1 OOV): movie, user, gender, zip, occupation, age.
DCN_VOCABULARIES = (MOVIES + 1, USERS + 1, 3, 3440, 22, 8)
FAIR_ENV = {
    'MALLOC_MMAP_MAX_': '0',
    'MALLOC_TRIM_THRESHOLD_': '100000000000',
    'OMP_WAIT_POLICY': 'PASSIVE',
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--workloads', default=','.join(WORKLOADS), help='comma-separated subset of ' + ', '.join(WORKLOADS))
    parser.add_argument('--batch', type=int, default=4096)
    parser.add_argument('--seconds', type=float, default=3.0, help='timed seconds per workload (after warm-up)')
    parser.add_argument('--warmup', type=int, default=3, help='untimed steps first')
    parser.add_argument('--threads', type=int, help='run in this process with this many threads (else: best of 1 and 2)')
    parser.add_argument('--thread-counts', default='1,2', help='thread counts tried without --threads')
    args = parser.parse_args()
    unknown = [w for w in args.workloads.split(',') if w not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workload(s) {', '.join(unknown)}; expected some of {', '.join(WORKLOADS)}")
    return args


def timed(step, batch, seconds, warmup):
    """Runs `step` warm-up times, then until `seconds` pass; examples/s from the median step time."""
    for _ in range(warmup):
        step()
    times = []
    started = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
        if time.perf_counter() - started >= seconds and len(times) >= 3:
            break
    times.sort()
    median = times[len(times) // 2]
    return {'examplesPerSecond': batch / median, 'medianStepMs': median * 1000, 'steps': len(times)}


def adagrad(torch, params, lr=0.1):
    # Keras defaults: initial accumulator 0.1, epsilon 1e-7.
    return torch.optim.Adagrad(params, lr=lr, initial_accumulator_value=0.1, eps=1e-7)


def two_tower(torch, batch):
    users = torch.nn.Embedding(USERS, 64, sparse=True)
    movies = torch.nn.Embedding(MOVIES, 64, sparse=True)
    optimizer = adagrad(torch, [*users.parameters(), *movies.parameters()])
    generator = torch.Generator().manual_seed(0)
    user_ids = torch.randint(0, USERS, (batch,), generator=generator)
    movie_ids = torch.randint(0, MOVIES, (batch,), generator=generator)
    labels = torch.arange(batch)
    loss_fn = torch.nn.CrossEntropyLoss(reduction='sum')

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = users(user_ids) @ movies(movie_ids).t()
        loss = loss_fn(logits, labels)
        loss.backward()
        optimizer.step()
        return loss.item()  # Maxella's step reads its loss too
    return step


def ranking(torch, batch):
    nn = torch.nn

    class RankingModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.users = nn.Embedding(USERS, 64, sparse=True)
            self.movies = nn.Embedding(MOVIES, 64, sparse=True)
            self.mlp = nn.Sequential(nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 1))

        def forward(self, u, m):
            return self.mlp(torch.cat([self.users(u), self.movies(m)], 1))

    model = RankingModel()
    optimizer = adagrad(torch, model.parameters())
    generator = torch.Generator().manual_seed(0)
    user_ids = torch.randint(0, USERS, (batch,), generator=generator)
    movie_ids = torch.randint(0, MOVIES, (batch,), generator=generator)
    ratings = torch.randint(1, 6, (batch, 1), generator=generator).float()
    loss_fn = nn.MSELoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(user_ids, movie_ids), ratings)
        loss.backward()
        optimizer.step()
        return loss.item()
    return step


def dcn(torch, batch):
    nn = torch.nn
    width = 32 * len(DCN_VOCABULARIES)

    class DcnModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.embeddings = nn.ModuleList(nn.Embedding(v, 32, sparse=True) for v in DCN_VOCABULARIES)
            self.cross = nn.Linear(width, width)
            self.deep = nn.Sequential(nn.Linear(width, 192), nn.ReLU(), nn.Linear(192, 192), nn.ReLU(), nn.Linear(192, 1))

        def forward(self, ids):
            x0 = torch.cat([e(ids[:, i]) for i, e in enumerate(self.embeddings)], 1)
            return self.deep(x0 * self.cross(x0) + x0)  # TFRS Cross: x0 ⊙ (W·x + b) + x

    model = DcnModel()
    # Lazy Adam on the tables (as Maxella's Adam updates embedding rows), dense Adam on the layers.
    tables = list(model.embeddings.parameters())
    layers = [p for name, p in model.named_parameters() if not name.startswith('embeddings.')]
    optimizers = (torch.optim.SparseAdam(tables, lr=0.01, eps=1e-7), torch.optim.Adam(layers, lr=0.01, eps=1e-7))
    generator = torch.Generator().manual_seed(0)
    ids = torch.stack([torch.randint(0, v, (batch,), generator=generator) for v in DCN_VOCABULARIES], 1)
    ratings = torch.randint(1, 6, (batch, 1), generator=generator).float()
    loss_fn = nn.MSELoss()

    def step():
        for optimizer in optimizers:
            optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(ids), ratings)
        loss.backward()
        for optimizer in optimizers:
            optimizer.step()
        return loss.item()
    return step


def top100(torch, batch):
    generator = torch.Generator().manual_seed(0)
    candidates = torch.randn(MOVIES, 64, generator=generator)
    candidates_t = candidates.t().contiguous()  # reused, as Maxella's BruteForce keeps it
    queries = torch.randn(batch, 64, generator=generator)

    def step():
        with torch.no_grad():
            torch.topk(queries @ candidates_t, 100, dim=1)
    return step


BUILDERS = {'two-tower': two_tower, 'ranking': ranking, 'dcn': dcn, 'top100': top100}


def run_here(args):
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    results = {}
    for name in args.workloads.split(','):
        step = BUILDERS[name](torch, args.batch)
        results[name] = {**timed(step, args.batch, args.seconds, args.warmup), 'threads': args.threads}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB
    return {'tool': f'pytorch {torch.__version__}', 'batch': args.batch, 'workloads': results, 'peakRssBytes': peak}


def run_children(args):
    """One child per thread count (thread pools are fixed at start-up); keeps each workload's best."""
    best = {}
    tool = None
    peak = 0
    for threads in [int(t) for t in args.thread_counts.split(',')]:
        env = {**os.environ, **FAIR_ENV, 'OMP_NUM_THREADS': str(threads), 'OPENBLAS_NUM_THREADS': str(threads), 'MKL_NUM_THREADS': str(threads)}
        command = [sys.executable, __file__, '--threads', str(threads), '--workloads', args.workloads,
                   '--batch', str(args.batch), '--seconds', str(args.seconds), '--warmup', str(args.warmup)]
        child = json.loads(subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout)
        tool = child['tool']
        peak = max(peak, child.get('peakRssBytes', 0))
        for name, result in child['workloads'].items():
            previous = best.get(name)
            by_threads = {**(previous or {}).get('byThreads', {}), str(threads): round(result['examplesPerSecond'])}
            if previous is None or result['examplesPerSecond'] > previous['examplesPerSecond']:
                previous = result
            best[name] = {**previous, 'byThreads': by_threads}
    return {'tool': tool, 'batch': args.batch, 'workloads': best, 'peakRssBytes': peak}


def main():
    args = parse_args()
    print(json.dumps(run_here(args) if args.threads else run_children(args)))


if __name__ == '__main__':
    main()
