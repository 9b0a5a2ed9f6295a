#!/bin/sh
# A simulated energy meter, for tests only: its cumulative joules are the power in watts written in file $2,
# integrated over wall time since its first reading; its state (time in ns, joules) is kept in file $1.
state="$1"
power=$(cat "$2")
now=$(date +%s%N)
if [ -f "$state" ]; then read -r last joules < "$state"; else last=$now; joules=0; fi
joules=$(awk -v j="$joules" -v p="$power" -v a="$last" -v b="$now" 'BEGIN { printf "%.6f", j + p * (b - a) / 1e9 }')
echo "$now $joules" > "$state"
echo "$joules"
