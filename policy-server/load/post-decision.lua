-- wrk script: every request is a keep-alive POST /api/decisions of one usage (an ALLOW on ChatGPT
-- for a translation of public material). Same body for the old and the new server.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"tool": {"name": "ChatGPT"}, "hosting": "EXTERNAL", "dataCategories": ["PUBLIC"], '
        .. '"purpose": "TRANSLATION", "context": {"userTrained": true}}'

-- Counts answers other than 200, so that a fast stream of errors is not taken for throughput.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format("non-200 answers (last thread only): %d\n", bad))
end
