-- wrk script of the serving benchmark (bench/serve-bench.ts): every request POSTs the next
-- body of a rotation read from two files (the bodies back to back, and their lengths one per
-- line), and the run ends with one line of JSON.
--   wrk -t 1 -c 16 -d 10s -s bench/serve-load.lua URL -- PATH CONTENT-TYPE LENGTHS BODIES
local bodies = {}
local nextBody = 0
local path, contentType

function init(args)
	path, contentType = args[1], args[2]
	local data = assert(io.open(args[4], "rb")):read("*a")
	local offset = 1
	for length in assert(io.open(args[3], "r")):lines() do
		local size = tonumber(length)
		bodies[#bodies + 1] = data:sub(offset, offset + size - 1)
		offset = offset + size
	end
end

function request()
	nextBody = nextBody % #bodies + 1
	return wrk.format("POST", path, {["Content-Type"] = contentType}, bodies[nextBody])
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format('{"requests":%d,"microseconds":%d,"p50":%d,"p99":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
		summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
