"""pandas reference for bench/eda/report.ts: the EDA report's aggregations on an ML-1M-format folder.

    /usr/bin/python3 bench/eda/report_reference.py <folder>

Prints one JSON line: {"load_s": ..., "statistics_s": ..., "stages": {name: seconds}}. Only the
statistics are mirrored (charts and HTML have no pandas counterpart); zip-code centroids are not looked up.
"""
import json
import sys
import time

import pandas as pd

folder = sys.argv[1]
t0 = time.perf_counter()
ratings = pd.read_csv(f"{folder}/ratings.dat", sep=":", header=None, usecols=[0, 2, 4, 6], names=["user", "movie", "rating", "ts"], encoding="latin-1")
users = pd.read_csv(f"{folder}/users.dat", sep=":", header=None, usecols=[0, 2, 4, 6, 8], names=["user", "gender", "age", "occupation", "zip"], dtype={"zip": str}, encoding="latin-1")
lines = open(f"{folder}/movies.dat", encoding="latin-1").read().splitlines()
movies = pd.DataFrame([line.split("::") for line in lines if line], columns=["movie", "title", "genres"])
movies["movie"] = movies["movie"].astype(int)
load_s = time.perf_counter() - t0

stages = {}


def stage(name, fn):
    start = time.perf_counter()
    fn()
    stages[name] = time.perf_counter() - start


df = None


def merge():
    global df
    df = ratings.merge(users, on="user").merge(movies[["movie", "title"]], on="movie")


def top_per_group(group, by, min_count=0, ascending=False, n=10):
    agg = df.groupby([group, "movie"])["rating"].agg(["count", "mean"]) if group else df.groupby("movie")["rating"].agg(["count", "mean"])
    agg = agg[agg["count"] >= min_count]
    keys = [group, by] if group else [by]
    return agg.sort_values(keys, ascending=[True, ascending] if group else ascending).groupby(level=0).head(n) if group else agg.sort_values(by, ascending=ascending).head(n)


stage("join ratings with users and movies", merge)
stage("summary-statistics", lambda: df[["age", "ts", "occupation", "rating"]].describe())
stage("ratings-by-month", lambda: pd.to_datetime(df["ts"], unit="s").dt.month.value_counts())
stage("ratings-by-weekday", lambda: pd.to_datetime(df["ts"], unit="s").dt.dayofweek.value_counts())
for column, name in [("gender", "gender"), ("age", "age-group"), ("occupation", "occupation")]:
    stage(f"ratings-by-{name}", lambda c=column: df.groupby(c).agg(ratings=("rating", "size"), users=("user", "nunique"), mean=("rating", "mean")))
stage("occupation-by-age-group", lambda: df.groupby(["occupation", "age"]).size().sort_values(ascending=False))
stage("rating-distribution-by-gender", lambda: df.groupby(["gender", "rating"]).size() / df.groupby("gender").size())
stage("most-rated-movies", lambda: top_per_group(None, "count"))
stage("most-rated-movies-by-gender", lambda: top_per_group("gender", "count"))
stage("most-rated-movies-by-age-group", lambda: top_per_group("age", "count"))
stage("most-loved-movies", lambda: top_per_group(None, "mean", 100))
stage("most-loved-movies-by-gender", lambda: top_per_group("gender", "mean", 20))
stage("most-loved-movies-by-age-group", lambda: top_per_group("age", "mean", 20))
per_movie = lambda: ratings["movie"].value_counts().rename("ratings")
decade = lambda: (movies["title"].str.extract(r"\((\d{4})\)$")[0].astype(float) // 10 * 10).rename("decade")
stage("ratings-by-release-decade", lambda: pd.concat([movies["movie"], decade()], axis=1).join(per_movie(), on="movie").groupby("decade")["ratings"].sum())
stage("worst-rated-movies", lambda: top_per_group(None, "mean", 50, ascending=True, n=50))
stage("mean-rating-by-zip-code", lambda: (df.groupby("zip")["rating"].agg(["count", "mean"]), df.groupby(["zip", "occupation"]).size()))
stage("popular-genres", lambda: movies.assign(genre=movies["genres"].str.split("|")).explode("genre").join(per_movie(), on="movie").groupby("genre")["ratings"].sum())

print(json.dumps({"load_s": load_s, "statistics_s": sum(stages.values()), "stages": stages}))
