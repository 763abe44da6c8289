-- wrk script for bench/http.sh: the demo courier records PickedUp (labels, bags, weight) at stops that
-- are on the way to them, each stop once. BENCH_REFS is a file of their references (one per line),
-- BENCH_AUTH the courier's bearer value; BENCH_BLOCK and BENCH_BLOCK_SIZE give each run its own slice
-- of the file, so no run records at a stop an earlier run already collected (that would be a 409).
local refs = {}
for line in io.lines(os.getenv("BENCH_REFS")) do refs[#refs + 1] = line end
local auth = "Bearer " .. os.getenv("BENCH_AUTH")
local size = tonumber(os.getenv("BENCH_BLOCK_SIZE"))
local first = tonumber(os.getenv("BENCH_BLOCK")) * size
local run = os.getenv("BENCH_RUN")
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
  thread:set("thread_count", 2)
end

function request()
  -- Thread t takes the slice's lines t, t + 2, t + 4, ...: the two threads never share a stop.
  local index = first + counter * thread_count + thread_id
  counter = counter + 1
  local ref = refs[index]
  if ref == nil or index > first + size then
    -- Used up: a request that fails (404), so that the run's count of failed answers says so.
    return wrk.format("POST", "/api/v1/pickups/USED-UP/events", { ["Authorization"] = auth }, "{}")
  end
  local body = '{"type":"PickedUp","labels":["' .. ref .. '-01","' .. ref .. '-02"],"bags":2,"weightKg":7.5}'
  return wrk.format("POST", "/api/v1/pickups/" .. ref .. "/events", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["Idempotency-Key"] = "courier-" .. run .. "-" .. thread_id .. "-" .. counter,
  }, body)
end
