-- Scenario "start": StartTestCaseExecution alone, a new ClientToken per call.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA") or "bench/lua") .. "/?.lua"
local common = require("common")
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) common.seed(tid) end
request = function() return common.start_request() end
