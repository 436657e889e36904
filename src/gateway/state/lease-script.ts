// The one Lua script of the leased Redis state: in a single atomic step it takes back what a replica
// returns (unused requests and tokens, the tokens its requests used beyond their lease, the spend it
// charged since its last call), re-asserts the concurrency slots it holds, and grants it a new lease
// of each limit it asked for. A grant is never more than 1/share of what is left (at least 1), so
// leases shrink as a limit runs out and the last units go one at a time, as with no lease at all.

/** KEYS: requests bucket, tokens bucket, concurrency holders (hash replica -> slots), holders' expiry
 *  (zset replica -> ms), total spend, today's spend.
 *  ARGV: now, replica, lease ttl ms, rpm, tpm, concurrency (-1: no limit), want requests, want tokens,
 *  want slots, requests returned, tokens returned (negative: used beyond the lease), slots held,
 *  cost charged, share.
 *  Returns: granted requests, tokens, slots; total spend; today's spend; retry ms for requests,
 *  tokens. */
export const leaseScript = `
local now = tonumber(ARGV[1])
local replica = ARGV[2]
local ttl = tonumber(ARGV[3])
local rpm = tonumber(ARGV[4])
local tpm = tonumber(ARGV[5])
local conc = tonumber(ARGV[6])
local share = tonumber(ARGV[14])
local function grantOf(want, available)
  if want <= 0 or available < 1 then return 0 end
  return math.min(want, math.max(1, math.floor(available / share)), math.floor(available))
end
local function bucket(key, perMinute, back, want)
  if perMinute < 0 then return 0, 0 end
  local v = redis.call('HMGET', key, 't', 'u')
  local tokens = tonumber(v[1])
  local updated = tonumber(v[2])
  if tokens == nil then tokens = perMinute; updated = now end
  local elapsed = now - updated
  if elapsed > 0 then
    tokens = math.min(perMinute, tokens + elapsed * perMinute / 60000)
    updated = now
  end
  tokens = math.min(perMinute, tokens + back)
  local granted = grantOf(want, tokens)
  tokens = tokens - granted
  local retry = 0
  if want > 0 and granted == 0 then retry = math.ceil((1 - tokens) * 60000 / perMinute) end
  redis.call('HSET', key, 't', tostring(tokens), 'u', tostring(updated))
  redis.call('PEXPIRE', key, 120000)
  return granted, retry
end
local grantRq, retryRq = bucket(KEYS[1], rpm, tonumber(ARGV[10]), tonumber(ARGV[7]))
local grantTk, retryTk = bucket(KEYS[2], tpm, tonumber(ARGV[11]), tonumber(ARGV[8]))
local grantCc = 0
local held = tonumber(ARGV[12])
local wantCc = tonumber(ARGV[9])
if conc >= 0 or held > 0 or redis.call('EXISTS', KEYS[3]) == 1 then
  -- Replicas that stopped renewing (died holding slots) lose them once their lease expired.
  local dead = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now)
  for _, r in ipairs(dead) do
    redis.call('HDEL', KEYS[3], r)
    redis.call('ZREM', KEYS[4], r)
  end
  if conc >= 0 and wantCc > 0 then
    local used = held
    local all = redis.call('HGETALL', KEYS[3])
    for i = 1, #all, 2 do
      if all[i] ~= replica then used = used + tonumber(all[i + 1]) end
    end
    grantCc = grantOf(wantCc, conc - used)
  end
  local mine = held + grantCc
  if mine > 0 then
    redis.call('HSET', KEYS[3], replica, mine)
    redis.call('ZADD', KEYS[4], now + ttl, replica)
    redis.call('PEXPIRE', KEYS[3], ttl * 2)
    redis.call('PEXPIRE', KEYS[4], ttl * 2)
  else
    redis.call('HDEL', KEYS[3], replica)
    redis.call('ZREM', KEYS[4], replica)
  end
end
if tonumber(ARGV[13]) > 0 then
  redis.call('INCRBYFLOAT', KEYS[5], ARGV[13])
  redis.call('INCRBYFLOAT', KEYS[6], ARGV[13])
  redis.call('PEXPIRE', KEYS[6], 172800000)
end
local spent = redis.call('MGET', KEYS[5], KEYS[6])
return {grantRq, grantTk, grantCc, spent[1] or '0', spent[2] or '0', retryRq, retryTk}
`;
