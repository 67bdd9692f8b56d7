-- Scenario "mix": what real clients do. For each Start, POLLS summary polls (20 by default) and one records page.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA") or "bench/lua") .. "/?.lua"
local common = require("common")
local POLLS = tonumber(os.getenv("POLLS") or "20")
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args)
  common.seed(tid)
  pending = {}   -- requests owed to started executions: summary polls, then one records page
end
request = function()
  local next = table.remove(pending)
  if next then return next end
  return common.start_request()
end
response = function(status, headers, body)
  local id = common.started_execution(body)
  if id then
    pending[#pending + 1] = common.records_request(id)
    for i = 1, POLLS do pending[#pending + 1] = common.summary_request(id) end
  end
end
