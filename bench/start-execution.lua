-- StartTestCaseExecution with a ClientToken unique across threads and runs.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(os.time() + tid)
  run = string.format("%x%x", os.time(), math.random(0, 0xffffff))
  counter = 0
end
request = function()
  counter = counter + 1
  local body = '{"ClientToken":"' .. run .. '-' .. tid .. '-' .. counter .. '"}'
  return wrk.format("PUT", path, {["Content-Type"] = "application/json"}, body)
end
