#!/usr/bin/env bash
# Prints node's options for the server, one per line: `npm start` (server/cli/run.sh) and the tests and benchmarks
# (tests/setup/server.ts) both take them from here. NODE_OPTIONS does not take them.
#
# --single-threaded-gc: the server collects its garbage on its own thread, without V8's helper threads. On two cores
# during an export the helpers either wait on the export's core or, kept off it (server/exports/core-reservation.ts),
# take turns with the server's thread on the other: both held the Jour fixe up behind a collection (README, export
# decision record: `npm run bench -- export`, jourfixe_p99_ratio).
printf '%s\n' --single-threaded-gc
