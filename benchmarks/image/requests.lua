-- Stops after 10,000 responses (one thread): the "after 10,000 requests" of benchmarks/image/run.sh.
local done = 0
response = function()
  done = done + 1
  if done >= 10000 then
    wrk.thread:stop()
  end
end
