-- wrk script: POST a small chat completion, optionally with a bearer key; print a JSON summary.
wrk.method = "POST"
wrk.body = '{"model":"bench","messages":[{"role":"user","content":"Say hello to the benchmark."}],"max_tokens":16}'
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key and key ~= "" then wrk.headers["Authorization"] = "Bearer " .. key end
-- Portkey routes by headers: the provider, and the upstream as a custom host.
local customHost = os.getenv("PORTKEY_CUSTOM_HOST")
if customHost and customHost ~= "" then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = customHost
  wrk.headers["Authorization"] = "Bearer sk-bench"
end

-- WRK_DELAY_MS paces each connection (open-ish loop), so that two proxies are compared at the same
-- request rate: CPU per request depends on the rate (fewer requests per event-loop turn, less batching).
local pace = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pace and pace > 0 then
  delay = function() return pace end
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format('JSON {"requests":%d,"durationUs":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}\n',
    summary.requests, summary.duration, errors,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
