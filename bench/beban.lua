-- wrk script of bench/run.py: 50 connections mixing page views, realisasi saves and rekap,
-- each request as one of the benchmark's users (session cookie per user, read from beban.txt).
-- Lines of beban.txt: "<kind> <method> <path> <session> <csrf> [body]".
local reqs = {}
local i = 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local kind, method, path, session, csrf, body = line:match("^(%S+) (%S+) (%S+) (%S+) (%S+) ?(.*)$")
    local headers = {
      ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
      ["X-CSRFToken"] = csrf,
    }
    if method == "POST" then
      headers["Content-Type"] = "application/x-www-form-urlencoded"
      headers["HX-Request"] = "true"
    end
    table.insert(reqs, wrk.format(method, path, headers, method == "POST" and body or nil))
  end
  f:close()
  -- every thread starts at a different place in the mix
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
  i = math.random(#reqs)
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "HASIL requests=%d seconds=%.3f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f errors=%d "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout,
    e.connect, e.read, e.write, e.status, e.timeout))
end
