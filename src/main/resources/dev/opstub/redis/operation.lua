-- One atomic step of an OpStub operation kept in Redis: the same rules as
-- dev.opstub.internal.timeline.Operation (which the in-memory backend uses), run inside Redis so
-- that any number of servers share one timeline per operation. Times are microseconds: epoch
-- microseconds for the clock and the creation time, offsets from the creation time otherwise.
--
-- KEYS[1] the operation's hash, KEYS[2] the clock's hash
-- ARGV[1] mode: poll | peek | put
-- ARGV[2] '1' to create the operation when it is not there (poll), else '0'
-- ARGV[3] the steps, "kind:polls:durationUs,..." (kind r running, t terminal, x anything else)
-- ARGV[4] the timeline's notation, ARGV[5] '1' when ARGV[6] is a target, ARGV[7] expireAfter in
-- microseconds or '', ARGV[8] how long an operation is kept after its last poll, milliseconds
--
-- The hash's fields, short because a store may hold a million of these: l the timeline (the hash
-- opstub:tl:<l> holds its s steps and n notation, shared by every operation that follows it),
-- t target, e expireAfter, c created, i step index, j polls in the step, p polls, b when the step
-- began, a last action.
--
-- Returns nil when there is no such operation (or it expired), else
-- {stepIndex, polls, pollsInStep, created, lastAction, finished, stepStart, notation, target, now}

local function now_us()
  local t = redis.call('TIME')
  local us = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local c = redis.call('HMGET', KEYS[2], 'frozen', 'offset')
  if c[1] then return tonumber(c[1]) end
  if c[2] then return us + tonumber(c[2]) end
  return us
end

-- Numbers go to Redis as whole-number text, never in exponent form.
local function n(x) return string.format('%.0f', x) end

local mode = ARGV[1]
local key = KEYS[1]
local now = now_us()

if mode == 'put' or (mode == 'poll' and ARGV[2] == '1' and redis.call('EXISTS', key) == 0) then
  redis.call('DEL', key)
  -- Many operations follow one timeline: it is kept once, under a key named by its notation's hash.
  local tl = string.sub(redis.sha1hex(ARGV[4]), 1, 12)
  redis.call('HSET', 'opstub:tl:' .. tl, 's', ARGV[3], 'n', ARGV[4])
  redis.call('HSET', key, 'l', tl, 'c', n(now), 'i', 0, 'j', 0, 'p', 0, 'b', 0, 'a', 0)
  if ARGV[5] == '1' then redis.call('HSET', key, 't', ARGV[6]) end
  if ARGV[7] ~= '' then redis.call('HSET', key, 'e', ARGV[7]) end
end

local h = redis.call('HGETALL', key)
if #h == 0 then return nil end
local o = {}
for i = 1, #h, 2 do o[h[i]] = h[i + 1] end

local timelineKey = 'opstub:tl:' .. o.l
local tl = redis.call('HMGET', timelineKey, 's', 'n')
if not tl[1] then return nil end
local steps = {}
for kind, polls, dur in string.gmatch(tl[1], '(%a):(%d+):(%d+)') do
  steps[#steps + 1] = {kind = kind, polls = tonumber(polls), dur = tonumber(dur)}
end
local last = #steps - 1
local si = tonumber(o.i)
local inStep = tonumber(o.j)
local polls = tonumber(o.p)
local stepStart = tonumber(o.b)
local lastAction = tonumber(o.a)
local created = tonumber(o.c)
local at = now - created

local function finished()
  return si == last and inStep > 0 and steps[si + 1].kind == 't'
end

if mode == 'poll' and o.e and finished() and at >= stepStart + tonumber(o.e) then
  return nil
end

-- Past timed steps that ran out and, for a poll, past a counted step that had its last poll.
local function advance(forPoll)
  while si < last do
    local s = steps[si + 1]
    if s.dur > 0 then
      local stepEnd = stepStart + s.dur
      if at < stepEnd then return end
      stepStart = stepEnd
    elseif (not forPoll) or inStep < s.polls then
      return
    end
    si = si + 1
    inStep = 0
  end
end

if mode == 'poll' then
  advance(true)
  local s = steps[si + 1]
  inStep = inStep + 1
  polls = polls + 1
  if si < last and s.dur == 0 and inStep >= s.polls then stepStart = at end
  if s.kind == 'r' then
    lastAction = math.max(lastAction, at)
  elseif s.kind == 't' and inStep == 1 then
    lastAction = stepStart
  end
  redis.call('HSET', key, 'i', n(si), 'j', n(inStep), 'p', n(polls), 'b', n(stepStart), 'a', n(lastAction))
else
  -- A look changes nothing: the same look later computes the same timed steps again.
  advance(false)
end
if mode ~= 'peek' then
  redis.call('PEXPIRE', key, ARGV[8])
  redis.call('PEXPIRE', timelineKey, ARGV[8])
end

-- Replies carry numbers as text too (a Lua number reply would be cut to an integer anyway).
return {n(si), n(polls), n(inStep), n(created), n(lastAction), finished() and '1' or '0', n(stepStart), tl[2],
  o.t or false, n(now)}
