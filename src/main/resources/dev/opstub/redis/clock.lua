-- The operations' clock shared by every server of a Redis-backed OpStub, as
-- dev.opstub.internal.timeline.ControllableClock keeps it in memory: real (Redis) time plus an
-- offset, or frozen at an instant. Microseconds throughout.
--
-- KEYS[1] the clock's hash, KEYS[2] this change's receipt; ARGV[1] now | freeze | freezeAt | advance |
-- resume; ARGV[2] microseconds; ARGV[3] the latest microsecond an advance may reach (the clock's
-- range ends there)
-- Returns {now, frozen (1 or 0)}, and a third item 'refused' when an advance would pass ARGV[3]
--
-- A change is applied once: it leaves its reply under KEYS[2] for 30 seconds, and the same change
-- sent again (a server that did not hear the reply in time) answers that reply instead. A running
-- clock that reaches the end of its range stands still there.

-- 9999-12-31T23:59:59.999968Z: the last microsecond a Lua number holds exactly before the year 10000.
local LATEST = 253402300799999968
local op = ARGV[1]
if op ~= 'now' then
  local done = redis.call('GET', KEYS[2])
  if done then return cjson.decode(done) end
end

local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000000 + tonumber(t[2])
local c = redis.call('HMGET', KEYS[1], 'frozen', 'offset')
local frozen = c[1] and tonumber(c[1])
local offset = c[2] and tonumber(c[2]) or 0
local function now() return math.min(frozen or (real + offset), LATEST) end

if op == 'freeze' then
  frozen = now()
elseif op == 'freezeAt' then
  frozen = math.min(tonumber(ARGV[2]), LATEST)
elseif op == 'advance' then
  -- >= rather than >: Lua numbers are doubles, exact to 32 microseconds at the end of the range.
  if now() + tonumber(ARGV[2]) >= tonumber(ARGV[3]) then
    -- Refused and left as it was: past its range the clock's time no longer reads back.
    return {string.format('%.0f', now()), frozen and '1' or '0', 'refused'}
  end
  if frozen then frozen = frozen + tonumber(ARGV[2]) else offset = offset + tonumber(ARGV[2]) end
elseif op == 'resume' then
  if frozen then offset = frozen - real end
  frozen = nil
end

local reply = {string.format('%.0f', now()), frozen and '1' or '0'}

if op ~= 'now' then
  redis.call('DEL', KEYS[1])
  if frozen then redis.call('HSET', KEYS[1], 'frozen', string.format('%.0f', frozen)) end
  if offset ~= 0 then redis.call('HSET', KEYS[1], 'offset', string.format('%.0f', offset)) end
  -- Like every key the pack writes, the clock setting expires: a week after its last change.
  redis.call('PEXPIRE', KEYS[1], 604800000)
  redis.call('SET', KEYS[2], cjson.encode(reply), 'PX', 30000)
end
return reply
