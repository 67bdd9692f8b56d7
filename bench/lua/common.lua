-- Shared by the scenarios: the instance and test case come from the environment (INSTANCE_ID, TEST_CASE_ID).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA") or "bench/lua") .. "/?.lua"
local sdk = require("sdk-headers")
local M = {}

M.instance = os.getenv("INSTANCE_ID") or "11111111-2222-3333-4444-555555555555"
M.test_case = os.getenv("TEST_CASE_ID") or "bench"

function M.start_request()
  local body = '{"ClientToken":"' .. sdk.uuid() .. '"}'
  return wrk.format("PUT", "/test-cases/" .. M.instance .. "/" .. M.test_case .. "/start-execution",
    sdk.headers(true), body)
end

function M.summary_request(execution)
  return wrk.format("GET", "/test-cases/" .. M.instance .. "/" .. M.test_case .. "/" .. execution .. "/summary",
    sdk.headers(false))
end

function M.records_request(execution)
  return wrk.format("GET", "/test-cases/" .. M.instance .. "/" .. M.test_case .. "/" .. execution
    .. "/records?maxResults=100", sdk.headers(false))
end

-- The execution id in a Start reply, or nil for any other reply.
function M.started_execution(body)
  return body:match('"TestCaseExecutionId":"([^"]+)"')
end

function M.seed(tid)
  math.randomseed(os.time() * 1000 + tid)
end

return M
