-- wrk script: POST /add_public_key with a new, distinct ed25519 key on every request, sent as the original README's
-- curl command sends it (base64 of the key file, wrapped at 76 columns, labelled x-www-form-urlencoded).
local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chunk = ""
    for shift = 18, 0, -6 do
      local index = math.floor(n / 2 ^ shift) % 64
      chunk = chunk .. b64chars:sub(index + 1, index + 1)
    end
    if not b then chunk = chunk:sub(1, 2) .. "==" elseif not c then chunk = chunk:sub(1, 3) .. "=" end
    out[#out + 1] = chunk
  end
  return table.concat(out)
end

local function be32(n)
  return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
end

local function wrap76(text)
  local lines = {}
  for i = 1, #text, 76 do lines[#lines + 1] = text:sub(i, i + 75) end
  return table.concat(lines, "\n")
end

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local counter = 0
local run = tostring(os.time())

function request()
  counter = counter + 1
  -- 32 "public key" bytes that differ per thread and per request (the service checks length, not the curve point).
  local point = be32(id) .. be32(counter) .. string.rep("\0", 24)
  local blob = be32(11) .. "ssh-ed25519" .. be32(32) .. point
  local keyfile = "ssh-ed25519 " .. base64(blob) .. " bench-" .. run .. "\n"
  local body = '{"ssh_public_key": "' .. wrap76(base64(keyfile)) .. '"}'
  return wrk.format("POST", "/add_public_key", {
    ["Authorization"] = "Basic " .. base64("admin:secret"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
