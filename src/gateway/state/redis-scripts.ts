// Lua scripts run atomically inside Redis, so that every replica sees one set of counters: a check
// and its take happen in one step, with no window for two replicas to both pass a full limit.

/** KEYS: requests bucket, tokens bucket, concurrency, total spend, today's spend.
 *  ARGV: now, rpm, tpm, concurrency, daily budget, total budget, ms to next UTC day (-1: no limit). */
export const admitScript = `
local now = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local conc = tonumber(ARGV[4])
local daily = tonumber(ARGV[5])
local total = tonumber(ARGV[6])
local nextDay = tonumber(ARGV[7])
if total >= 0 and tonumber(redis.call('GET', KEYS[4]) or '0') >= total then return {0, 'total-budget', nextDay} end
if daily >= 0 and tonumber(redis.call('GET', KEYS[5]) or '0') >= daily then return {0, 'daily-budget', nextDay} end
if conc >= 0 and tonumber(redis.call('GET', KEYS[3]) or '0') >= conc then return {0, 'concurrency', 1000} end
local function bucket(key, perMinute)
  local v = redis.call('HMGET', key, 't', 'u')
  local tokens = tonumber(v[1])
  local updated = tonumber(v[2])
  if tokens == nil then return perMinute, now end
  local elapsed = now - updated
  if elapsed > 0 then
    tokens = math.min(perMinute, tokens + elapsed * perMinute / 60000)
    updated = now
  end
  return tokens, updated
end
local rqTokens, rqUpdated
if rpm >= 0 then
  rqTokens, rqUpdated = bucket(KEYS[1], rpm)
  if rqTokens < 1 then return {0, 'requests', math.ceil((1 - rqTokens) * 60000 / rpm)} end
end
if tpm >= 0 then
  local t = bucket(KEYS[2], tpm)
  if t < 1 then return {0, 'tokens', math.ceil((1 - t) * 60000 / tpm)} end
end
if rpm >= 0 then
  redis.call('HSET', KEYS[1], 't', tostring(rqTokens - 1), 'u', tostring(rqUpdated))
  redis.call('PEXPIRE', KEYS[1], 120000)
end
if conc >= 0 then
  redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[3], 3600000)
end
return {1, '', 0}
`;

/** KEYS: tokens bucket, concurrency, total spend, today's spend.
 *  ARGV: now, tpm (-1: none), concurrency limited (1/0), tokens used, cost in USD. */
export const releaseScript = `
local now = tonumber(ARGV[1])
local tpm = tonumber(ARGV[2])
local used = tonumber(ARGV[4])
local cost = tonumber(ARGV[5])
if ARGV[3] == '1' then
  if redis.call('DECR', KEYS[2]) < 0 then redis.call('SET', KEYS[2], '0') end
end
if tpm >= 0 and used > 0 then
  local v = redis.call('HMGET', KEYS[1], 't', 'u')
  local tokens = tonumber(v[1]) or tpm
  local updated = tonumber(v[2]) or now
  local elapsed = now - updated
  if elapsed > 0 then tokens = math.min(tpm, tokens + elapsed * tpm / 60000) end
  redis.call('HSET', KEYS[1], 't', tostring(tokens - used), 'u', tostring(math.max(now, updated)))
  redis.call('PEXPIRE', KEYS[1], 120000)
end
if cost > 0 then
  redis.call('INCRBYFLOAT', KEYS[3], ARGV[5])
  redis.call('INCRBYFLOAT', KEYS[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[4], 172800000)
end
return 1
`;
