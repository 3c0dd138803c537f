#!/usr/bin/env bash
# Runs a short real training (tiny generated data, an evaluation half way) inside tmux at 80 and at
# 200 columns and prints what each pane shows: the progress bar must stay on one line that fits the
# width, and redraw in place. Then runs it with output redirected to a file, which must hold plain
# lines (no carriage returns). Needs tmux (apt-get install tmux) and a build (mvn -B -q package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
command -v tmux >/dev/null || { echo "check-terminal: tmux not found (apt-get install tmux)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'tmux kill-session -t retinaj-check 2>/dev/null || true; rm -rf "$work"' EXIT
"$repo/scripts/retinaj" data shapes --out "$work/shapes" --train 16 --val 8 --size 96 >/dev/null
sets=(--set "data.root=$work/shapes" --set 'data.min_size=[96]' --set data.max_size=96 --set test.min_size=96
      --set test.max_size=96 --set data.workers=1 --set threads=1 --set model.backbone.width=0.25
      --set model.fpn.channels=16 --set model.head.channels=16 --set model.head.num_convs=1
      --set 'model.anchors.sizes=[16,32,64,128,256]' --set train.batch_size=4 --set train.max_iters=40
      --set train.eval_period=20 --set train.log_period=10 --set train.checkpoint_period=40
      --set data.shapes.generate=false)
train=("$repo/scripts/retinaj" train -c "$repo/configs/shapes_r18_fpn_demo.yaml" "${sets[@]}")

for cols in 80 200; do
  out="$work/run_$cols"
  cmd="$(printf '%q ' "${train[@]}" --out "$out"); echo; echo EXIT=\$?; sleep 30"
  tmux new-session -d -s retinaj-check -x "$cols" -y 40 "$cmd"
  for _ in $(seq 1 300); do
    sleep 1
    tmux capture-pane -p -t retinaj-check | grep -q '^EXIT=' && break
  done
  echo "=== tmux pane at $cols columns (last lines) ==="
  tmux capture-pane -p -J -t retinaj-check | grep -v '^$' | tail -n 12
  # the bar redraws in place and log lines clear it first: the scrollback keeps only the finished bar, no wider than the pane
  bars="$(tmux capture-pane -p -S - -t retinaj-check | grep -c '^train \[' || true)"
  widest="$(tmux capture-pane -p -S - -t retinaj-check | grep '^train \[' | awk '{ if (length($0) > m) m = length($0) } END { print m }')"
  echo "=== $bars train bar line(s) in the scrollback, the longest $widest characters, at $cols columns ==="
  tmux kill-session -t retinaj-check
done

echo "=== redirected to a file ==="
"${train[@]}" --out "$work/run_file" > "$work/log.txt" 2>&1
grep -E '^train \[' "$work/log.txt" | head -n 6
if grep -q $'\r' "$work/log.txt"; then echo "carriage returns found in redirected output"; exit 1; fi
echo "=== no carriage returns in redirected output ==="
