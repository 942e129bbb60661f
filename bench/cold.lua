-- wrk script for bench/cold-logins.sh: each request logs in a user whose password this server has
-- not checked yet (one Authorization header per line of $COLD_AUTH_FILE, taken in turn), so every
-- request is a slow hash: nothing in the verified-login cache, nothing upgraded twice.
local headers = {}
for line in io.lines(os.getenv("COLD_AUTH_FILE")) do
  headers[#headers + 1] = line
end
local sent = 0

function request()
  sent = sent + 1
  return wrk.format("GET", "/api/v1/private", { ["Authorization"] = headers[(sent - 1) % #headers + 1] })
end
