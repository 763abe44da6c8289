-- wrk script for bench/http.sh: each request books one of the district's open windows with its own
-- Idempotency-Key. BENCH_AUTH is the bearer value, BENCH_SLOTS the window ids (comma-separated),
-- BENCH_DISTRICT their district, BENCH_RUN makes keys unique across runs.
local slots = {}
for id in string.gmatch(os.getenv("BENCH_SLOTS"), "[^,]+") do slots[#slots + 1] = id end
local district = os.getenv("BENCH_DISTRICT")
local auth = "Bearer " .. os.getenv("BENCH_AUTH")
local run = os.getenv("BENCH_RUN")
local threads = 0
local counter = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function request()
  counter = counter + 1
  local slot = slots[(counter % #slots) + 1]
  local body = '{"slotId":"' .. slot .. '","address":{"districtId":"' .. district .. '","street":"1 Bench Road",' ..
    '"building":"Unit 2","contactName":"Bench Donor","phone":"13800138000"},"categories":["Clothing","Shoes"],' ..
    '"bags":2,"weight":"From5To10Kg","condition":"Wearable"}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = auth,
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. thread_id .. "-" .. counter,
  }, body)
end
