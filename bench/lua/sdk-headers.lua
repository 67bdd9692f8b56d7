-- Headers an AWS SDK sends with every call (about 1 KB), so that parsing costs what it costs with real clients.
local M = {}

local hex = "0123456789abcdef"
local function random_hex(n)
  local t = {}
  for i = 1, n do
    local k = math.random(1, 16)
    t[i] = hex:sub(k, k)
  end
  return table.concat(t)
end

local function uuid()
  local h = random_hex(32)
  return h:sub(1, 8) .. "-" .. h:sub(9, 12) .. "-4" .. h:sub(14, 16) .. "-a" .. h:sub(18, 20) .. "-" .. h:sub(21, 32)
end
M.uuid = uuid

function M.headers(has_body)
  local h = {
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/connect/aws4_request, "
      .. "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;"
      .. "x-amz-content-sha256;x-amz-date;x-amz-user-agent, Signature=" .. random_hex(64),
    ["X-Amz-Date"] = "20261126T050320Z",
    ["x-amz-content-sha256"] = random_hex(64),
    ["amz-sdk-invocation-id"] = uuid(),
    ["amz-sdk-request"] = "attempt=1; max=3",
    ["x-amz-user-agent"] = "aws-sdk-js/3.1136.0",
    ["User-Agent"] = "aws-sdk-js/3.1136.0 ua/2.1 os/linux#6.1.0-25-cloud-amd64 lang/js md/nodejs#20.20.2 "
      .. "api/connect#3.1136.0 m/E,N,e,O,M,P app/bench-load-driver-with-a-realistically-long-application-id",
    ["Accept"] = "*/*",
  }
  if has_body then
    h["Content-Type"] = "application/json"
  end
  return h
end

return M
