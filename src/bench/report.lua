-- wrk script: prints one machine-readable line with throughput and latency percentiles (milliseconds).
-- With WRK_TERMS set (comma-separated), every request searches a different term and adds a counter to the query,
-- so that no page cache can answer it: this measures the search itself.
local terms = {}
local counter = 0
-- every thread of every run asks for addresses of its own: each thread has its own counter from 0, so without a thread
-- and run mark half the requests of a run, and a run after another on the same JVM, were answered by the page cache
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local run = os.time()
local term_list = os.getenv("WRK_TERMS")
-- WRK_EXTRA: more query parameters for every search, e.g. "&year=2020" or "&sort=date"
local extra = os.getenv("WRK_EXTRA") or ""
if term_list then
  for t in string.gmatch(term_list, "([^,]+)") do table.insert(terms, t) end
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  if #terms == 0 then return wrk.format(nil) end
  counter = counter + 1
  local term = terms[(counter % #terms) + 1]
  return wrk.format(nil, "/search?q=" .. urlencode(term) .. "&page=" .. ((counter % 3) + 1) .. "&n=" .. run .. "-" .. (tid or 0) .. "-" .. counter .. extra)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
