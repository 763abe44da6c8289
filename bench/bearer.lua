-- wrk script for bench/http.sh: a GET with the demo donor's bearer token (BENCH_AUTH).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_AUTH")
