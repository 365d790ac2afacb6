#!/usr/bin/env bash
# Makes the demo audio for the sample episode, which has no recording: espeak-ng reads each segment in
# Mandarin and sox fits the speech into that segment's time window (faster when it runs long, silence
# after when short), so the 62-minute track truly reads along with the transcript. Output: mono MP3 at
# 16 kb/s (every current browser plays MP3). Needs espeak-ng, sox and lame (Debian packages).
set -euo pipefail
in=${1:-testdata/kejilang-episode.txt}
out=${2:-web/demo/kejilang-episode.mp3}
rate=16000
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

secs() { # mm:ss or h:mm:ss -> seconds
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"
}

n=0
prev_end=0
while IFS= read -r line || [ -n "$line" ]; do
	[[ $line =~ ^\(([0-9:]+)~([0-9:]+)\)\ (.*)$ ]] || continue
	start=$(secs "${BASH_REMATCH[1]}")
	end=$(secs "${BASH_REMATCH[2]}")
	text=${BASH_REMATCH[3]}
	n=$((n + 1))
	seg=$(printf '%s/%04d' "$tmp" "$n")
	# A gap before the segment stays silent.
	if [ "$start" -gt "$prev_end" ]; then
		sox -n -r $rate -c 1 "$seg-gap.wav" trim 0 $((start - prev_end))
	fi
	window=$((end - start))
	espeak-ng -v cmn -s 190 -w "$seg-raw.wav" "$text" 2>/dev/null
	sox "$seg-raw.wav" -r $rate -c 1 "$seg-mono.wav"
	len=$(soxi -D "$seg-mono.wav")
	if awk -v l="$len" -v w="$window" 'BEGIN { exit !(l > w - 0.3) }'; then
		tempo=$(awk -v l="$len" -v w="$window" 'BEGIN { printf "%.4f", l / (w - 0.3) }')
		sox "$seg-mono.wav" "$seg-fit.wav" tempo -s "$tempo"
	else
		cp "$seg-mono.wav" "$seg-fit.wav"
	fi
	# Pad or cut to exactly the window, so every segment starts on time.
	sox -V1 "$seg-fit.wav" "$seg.wav" pad 0 "$window" trim 0 "$window"
	rm -f "$seg-raw.wav" "$seg-mono.wav" "$seg-fit.wav"
	prev_end=$end
done <"$in"

sox $(ls "$tmp"/*.wav | sort) "$tmp/all.wav"
lame --quiet -m m -b 16 --resample 16 "$tmp/all.wav" "$out"
echo "$out: $(soxi -D "$out") s, $(stat -c %s "$out") bytes"
