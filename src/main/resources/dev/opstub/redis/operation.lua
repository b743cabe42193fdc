-- One atomic step of an OpStub operation kept in Redis: the same rules as
-- dev.opstub.internal.timeline.Operation (which the in-memory backend uses), run inside Redis so
-- that any number of servers share one timeline per operation. Times are microseconds: epoch
-- microseconds for the clock and the creation time, offsets from the creation time otherwise.
--
-- KEYS[1] the operation's hash, KEYS[2] the clock's hash, KEYS[3] this call's receipt,
-- KEYS[4] the poll history, KEYS[5] the operation's own poll history
-- ARGV[1] mode: poll | peek | put | start | cancel | record | amend (start: put unless the
--   operation is live, else peek it; cancel: see below)
-- ARGV[2] '1' to create the operation when it is not there (poll), else '0'
-- ARGV[3] the timeline's digest (SHA-256, hex), ARGV[4] how many of its characters name its key
-- ARGV[5] the timeline's notation and ARGV[6] its steps, or '' and '' when the server believes
--   Redis has them (a poll then answers {'need'} if not, having changed nothing)
-- ARGV[7] '1' when ARGV[8] is a target, ARGV[9] expireAfter in microseconds or '',
-- ARGV[10] how long an operation is kept after its last poll, milliseconds
-- ARGV[11] the start of this poll's history entry (JSON, '' to record nothing), ARGV[12] how many
--   entries a history keeps, ARGV[13] the rest of the entry when there is no such operation (for
--   mode record: the rest of the entry)
-- ARGV[14] the caller that creates the operation ('' for none), ARGV[15] and ARGV[16] (cancel) the
--   canceled status and the rest of the history entry of a poll answering it
-- ARGV[17] whether the call that creates the operation carried a credential: '1', '0', or '' when
--   not known (kept as q)
-- ARGV[18 + phase ordinal] the rest of a poll's entry for a status step of that phase ('' when not
--   sent: a poll reaching it answers {'need'})
--
-- Exactly once: a call that changes anything carries a token, and leaves its reply under
-- KEYS[3] for 30 seconds. A server that did not hear the reply (Redis stalled past its timeout)
-- sends the same call again; whichever of the two runs second finds the receipt and answers it,
-- changing nothing. So a poll, a put or a recorded poll counts once however often it is sent.
--
-- A timeline is stored once, under opstub:tl:<digest>: d its digest, n its notation, c its number
-- of steps, and one field per step, "1".."c" = "kind:polls:durationUs:phase" (kind r running,
-- t terminal, x anything else; phase the ordinal, -1 for a fault step, whose history entry
-- "f<i>" holds). A poll reads the steps it passes, one field each: its work does not grow with the
-- timeline. Keys are compared by the full digest (and the notation, when it is sent): two
-- timelines whose key names collide go to opstub:tl:<name>:1, :2, ...
--
-- The operation's hash, short fields because a store may hold a million of these: l the timeline's
-- key without its opstub:tl: prefix, t target (t1, t2... its pieces past 64 bytes), e expireAfter, c created, i step index, j polls in the step, p polls, b when the
-- step began, a last action, x the real second the TTLs were last set (modulo X_MODULO), k the
-- caller that created it, q whether its start carried a credential ('1' or '0', absent when not known);
-- once canceled z the canceled status and r the rest of a poll's entry.
--
-- Cancel: an operation that has not finished (as a peek sees it) is canceled, in the same atomic
-- step: it keeps its creation time, polls and step index, and from then on every poll counts and
-- answers z, finished since the cancel (b); a finished one is left as it is. Either is answered as
-- a peek.
--
-- Returns {} when there is no such operation (or it expired), {'need'} (see ARGV[5] and ARGV[18]), else
-- {stepIndex, polls, pollsInStep, created, lastAction, finished, stepStart, digest, target, now,
-- timelineKey, canceledStatus, caller, createdNow ('1' when this call created it), startCredential}

-- The end of the clock's range (9999-12-31T23:59:59.999968Z): the last microsecond a Lua number
-- (a double) holds exactly before the year 10000.
local LATEST = 253402300799999968

-- Keys' time to live is set again at most once a minute per operation (field x: the real second it
-- last was, modulo 2^23 seconds, 97 days: a small number in the hash, and far longer than any TTL,
-- so the difference is exact), so that most polls write no TTL: a key lives its TTL after its last
-- poll, up to a minute less.
local REFRESH_SECONDS = 60
local X_MODULO = 8388608
-- A history list is cut back to its bound once it is this many entries past it (readers read only
-- the bound), so that most polls trim nothing.
local TRIM_SLACK = 100
local realSecond

local function now_us()
  local t = redis.call('TIME')
  realSecond = tonumber(t[1])
  local us = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local c = redis.call('HMGET', KEYS[2], 'frozen', 'offset')
  if c[1] then us = tonumber(c[1]) elseif c[2] then us = us + tonumber(c[2]) end
  return math.min(us, LATEST)
end

-- Numbers go to Redis as whole-number text, never in exponent form.
local function n(x) return string.format('%.0f', x) end

local mode = ARGV[1]
local key = KEYS[1]
if mode ~= 'peek' then
  local done = redis.call('GET', KEYS[3])
  if done then return cjson.decode(done) end
end

local function answer(reply)
  if mode ~= 'peek' then redis.call('SET', KEYS[3], cjson.encode(reply), 'PX', 30000) end
  return reply
end

-- refresh: whether to set the lists' TTL again (a list new to Redis always gets one).
local function record(rest, refresh)
  if ARGV[11] == '' or rest == '' then return end
  local entry = ARGV[11] .. ',' .. rest .. '}'
  local cap = tonumber(ARGV[12])
  for _, list in ipairs({KEYS[4], KEYS[5]}) do
    local length = redis.call('LPUSH', list, entry)
    if length > cap + TRIM_SLACK then redis.call('LTRIM', list, 0, cap - 1) end
    if refresh or length == 1 then redis.call('PEXPIRE', list, ARGV[10]) end
  end
end

if mode == 'record' then
  record(ARGV[13], true)
  return answer({})
end

-- ARGV[11] an entry as recorded, ARGV[13] what replaces it in place (the answer failed after the poll).
if mode == 'amend' then
  for _, list in ipairs({KEYS[4], KEYS[5]}) do
    local at = redis.call('LPOS', list, ARGV[11])
    if at then redis.call('LSET', list, at, ARGV[13]) end
  end
  return answer({})
end

-- The timeline's key (without its prefix): the one holding this digest (and notation), stored
-- there if none does yet.
local function timelineName()
  local digest = ARGV[3]
  local base = string.sub(digest, 1, tonumber(ARGV[4]))
  for probe = 0, 63 do
    local name = probe == 0 and base or (base .. ':' .. probe)
    local k = 'opstub:tl:' .. name
    local stored = redis.call('HGET', k, 'd')
    if not stored then
      if ARGV[5] == '' then return nil end
      local fields = {'d', digest, 'n', ARGV[5]}
      local count = 0
      for line in string.gmatch(ARGV[6], '[^\n]+') do
        count = count + 1
        local step, fault = string.match(line, '^([^;]*);(.*)$')
        fields[#fields + 1] = tostring(count)
        fields[#fields + 1] = step
        if fault ~= '' then
          fields[#fields + 1] = 'f' .. count
          fields[#fields + 1] = fault
        end
      end
      fields[#fields + 1] = 'c'
      fields[#fields + 1] = tostring(count)
      for i = 1, #fields, 200 do
        redis.call('HSET', k, unpack(fields, i, math.min(i + 199, #fields)))
      end
      return name
    end
    if stored == digest and (ARGV[5] == '' or redis.call('HGET', k, 'n') == ARGV[5]) then
      return name
    end
  end
  return redis.error_reply('opstub: no free key for timeline ' .. digest)
end

local now = now_us()

-- Each redis.call costs about as much again as its command, so a poll makes as few as it can.
local o = {}
local h = mode ~= 'put' and redis.call('HGETALL', key) or {}
for i = 1, #h, 2 do o[h[i]] = h[i + 1] end
if o.t1 then
  local pieces, piece = {o.t}, 1
  while o['t' .. piece] do
    pieces[#pieces + 1] = o['t' .. piece]
    piece = piece + 1
  end
  o.t = table.concat(pieces)
end

-- Makes the operation afresh; nil, or the reply to give instead ({'need'}, an error).
local made = false
local function create()
  local tk = timelineName()
  if not tk then return {'need'} end
  if type(tk) == 'table' then return tk end
  redis.call('DEL', key)
  -- x -1: this call sets the TTLs (and x) before it ends.
  o = {l = tk, c = n(now), i = '0', j = '0', p = '0', b = '0', a = '0', x = '-1'}
  local fields = {'l', tk, 'c', o.c, 'i', 0, 'j', 0, 'p', 0, 'b', 0, 'a', 0, 'x', -1}
  if ARGV[7] == '1' then
    -- A value over 64 bytes would turn the whole hash into a hashtable (about three times larger):
    -- a longer target (an ARM resource's path) is kept in pieces t, t1, t2...
    local t = ARGV[8]
    o.t = t
    fields[#fields + 1] = 't'
    fields[#fields + 1] = string.sub(t, 1, 64)
    local piece = 1
    while #t > piece * 64 do
      fields[#fields + 1] = 't' .. piece
      fields[#fields + 1] = string.sub(t, piece * 64 + 1, (piece + 1) * 64)
      piece = piece + 1
    end
  end
  if ARGV[9] ~= '' then
    o.e = ARGV[9]
    fields[#fields + 1] = 'e'
    fields[#fields + 1] = ARGV[9]
  end
  if ARGV[14] ~= '' then
    o.k = ARGV[14]
    fields[#fields + 1] = 'k'
    fields[#fields + 1] = ARGV[14]
  end
  if ARGV[17] ~= '' then
    o.q = ARGV[17]
    fields[#fields + 1] = 'q'
    fields[#fields + 1] = ARGV[17]
  end
  redis.call('HSET', key, unpack(fields))
  made = true
end

if mode == 'put' or ((mode == 'start' or (mode == 'poll' and ARGV[2] == '1')) and not o.l) then
  local failed = create()
  if failed then return failed end
end

local tlKey, tl, steps, last, si, inStep, polls, stepStart, lastAction, created, at
-- Reads where the operation stands; false when its timeline is gone (it expired).
local function load()
  tlKey = o.l and ('opstub:tl:' .. o.l)
  -- The timeline's digest and length, and the step the operation stands on (read with them).
  tl = tlKey and redis.call('HMGET', tlKey, 'd', 'c', tostring(tonumber(o.i) + 1)) or {false, false}
  if not tl[1] then return false end
  steps = {}
  last = tonumber(tl[2]) - 1
  si = tonumber(o.i)
  inStep = tonumber(o.j)
  polls = tonumber(o.p)
  stepStart = tonumber(o.b)
  lastAction = tonumber(o.a)
  created = tonumber(o.c)
  at = now - created
  return true
end

local function step(i)
  local s = steps[i]
  if not s then
    local line = i == tonumber(o.i) and tl[3] or redis.call('HGET', tlKey, tostring(i + 1))
    local kind, polls, dur, phase = string.match(line, '^(%a):(%d+):(%d+):(%-?%d+)$')
    s = {kind = kind, polls = tonumber(polls), dur = tonumber(dur), phase = tonumber(phase)}
    steps[i] = s
  end
  return s
end

-- A canceled operation (z) is finished since its cancel.
local function finished()
  return o.z ~= nil or (si == last and inStep > 0 and step(si).kind == 't')
end

local function expired()
  return o.e and finished() and at >= stepStart + tonumber(o.e)
end

local live = load()
if mode == 'start' and not made and (not live or expired()) then
  -- Not there any more, or expired: a start makes it afresh.
  local failed = create()
  if failed then return failed end
  live = load()
end
if not live or ((mode == 'poll' or mode == 'cancel') and expired()) then
  if mode == 'poll' then record(ARGV[13], true) end
  return answer({})
end
local realX = realSecond % X_MODULO
local refresh = mode == 'put' or not o.x or tonumber(o.x) < 0 or (realX - tonumber(o.x)) % X_MODULO >= REFRESH_SECONDS
-- Whether this call changed the operation (and so sets the TTLs again when due).
local touched = made or mode == 'poll'

-- Past timed steps that ran out and, for a poll, past a counted step that had its last poll.
local function advance(forPoll)
  while si < last do
    local s = step(si)
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

if mode == 'poll' and o.z then
  -- Canceled: it stays so, and the poll counts.
  polls = polls + 1
  redis.call('HSET', key, 'p', n(polls), 'x', refresh and n(realX) or o.x)
  record(o.r, refresh)
elseif mode == 'poll' then
  advance(true)
  local s = step(si)
  -- A status step's entry the server did not send (the operation follows another timeline than
  -- the stub's): ask for all of them before changing anything.
  if ARGV[11] ~= '' and s.phase >= 0 and ARGV[18 + s.phase] == '' then return {'need'} end
  inStep = inStep + 1
  polls = polls + 1
  if si < last and s.dur == 0 and inStep >= s.polls then stepStart = at end
  if s.kind == 'r' then
    lastAction = math.max(lastAction, at)
  elseif s.kind == 't' and inStep == 1 then
    lastAction = stepStart
  end
  redis.call('HSET', key, 'i', n(si), 'j', n(inStep), 'p', n(polls), 'b', n(stepStart), 'a', n(lastAction),
    'x', refresh and n(realX) or o.x)
  if s.phase < 0 then
    record(redis.call('HGET', tlKey, 'f' .. (si + 1)), refresh)
  else
    record(ARGV[18 + s.phase], refresh)
  end
elseif not o.z then
  -- A look changes nothing: the same look later computes the same timed steps again.
  advance(false)
  if mode == 'cancel' and step(si).kind ~= 't' then
    o.z = ARGV[15]
    o.r = ARGV[16]
    stepStart = at
    lastAction = at
    touched = true
    redis.call('HSET', key, 'i', n(si), 'j', n(inStep), 'b', n(at), 'a', n(at), 'z', o.z, 'r', o.r,
      'x', refresh and n(realX) or o.x)
  end
end
if touched and refresh then
  if made and mode ~= 'poll' then redis.call('HSET', key, 'x', n(realX)) end
  redis.call('PEXPIRE', key, ARGV[10])
  redis.call('PEXPIRE', tlKey, ARGV[10])
end

-- Replies carry numbers as text too (a Lua number reply would be cut to an integer anyway).
return answer({n(si), n(polls), n(inStep), n(created), n(lastAction), finished() and '1' or '0', n(stepStart),
  tl[1], o.t or false, n(now), tlKey, o.z or false, o.k or false, made and '1' or '0', o.q or false})
