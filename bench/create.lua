-- wrk script: POST a new subscriber per request, each with an email no other request uses.
local threads = {}
local run = os.time()

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local counter = 0
local auth = os.getenv("BENCH_AUTH"):sub(#"Authorization: " + 1)

function request()
  counter = counter + 1
  local body = string.format('{"name":"Bench","email":"bench-%d-%d-%d@example.org"}', run, id, counter)
  return wrk.format("POST", "/api/v1/subscribers",
    { ["Content-Type"] = "application/json", ["Authorization"] = auth }, body)
end
