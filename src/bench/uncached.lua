-- wrk script for pages that no cache answers: every request asks for a different address.
-- WRK_MODE=items: a different item every request (bench00000001 … up to WRK_ITEMS, each wrk thread its own share, starting
--   at WRK_START so that a later run does not ask for the items an earlier one put in the page cache);
-- WRK_MODE=catalogue: the eight catalogue columns of generate.sql, pages 1–5, with a counter in the query;
-- WRK_MODE=columns: the catalogue pages a crawler walks, a different one every request: the eight columns' pages 1–600,
--   then pages 1–50 of each year 2016–2025 (8,800 addresses, as src/bench/uncached.sh crawls them);
-- WRK_MODE=home: the home page with a counter in the query; WRK_MODE=fixed: the address given to wrk. Prints the RESULT line of report.lua.
local threads = {}
local counter = 0
local mode = os.getenv("WRK_MODE") or "items"
local items = tonumber(os.getenv("WRK_ITEMS") or "100000")
local start = tonumber(os.getenv("WRK_START") or "1")
local codes = {"ggws", "zcwj", "jdzf", "ylzy", "jbyjjz", "bszn", "yjgl", "czzj"}

setup = function(thread)
  thread:set("id", #threads)
  thread:set("nthreads", 2)
  table.insert(threads, thread)
end

request = function()
  local n = (start + counter * nthreads + id)
  counter = counter + 1
  if mode == "items" then
    return wrk.format(nil, string.format("/items/bench%08d", ((n - 1) % items) + 1))
  elseif mode == "catalogue" then
    return wrk.format(nil, "/catalogue/" .. codes[(n % #codes) + 1] .. "?page=" .. ((math.floor(n / #codes) % 5) + 1) .. "&n=" .. n)
  elseif mode == "columns" then
    local m = math.floor(n / #codes) % 1100
    local query
    if m < 600 then
      query = "?page=" .. (m + 1)
    else
      query = "?year=" .. (2016 + (m - 600) % 10) .. "&page=" .. (math.floor((m - 600) / 10) + 1)
    end
    return wrk.format(nil, "/catalogue/" .. codes[(n % #codes) + 1] .. query)
  elseif mode == "home" then
    return wrk.format(nil, "/?n=" .. n)
  else
    return wrk.format(nil)
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
