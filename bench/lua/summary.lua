-- Scenario "summary": GetTestCaseExecutionSummary alone. Each thread first starts POOL executions (a fraction of a
-- percent of the requests of a run), then polls them round-robin.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA") or "bench/lua") .. "/?.lua"
local common = require("common")
local POOL = tonumber(os.getenv("POOL") or "200")
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args)
  common.seed(tid)
  ids, starts, next_poll = {}, 0, 1
end
request = function()
  if #ids < POOL and starts < POOL * 2 then
    starts = starts + 1
    return common.start_request()
  end
  if #ids == 0 then return common.start_request() end
  local id = ids[next_poll]
  next_poll = next_poll % #ids + 1
  return common.summary_request(id)
end
response = function(status, headers, body)
  local id = common.started_execution(body)
  if id and #ids < POOL then ids[#ids + 1] = id end
end
