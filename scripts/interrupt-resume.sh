#!/usr/bin/env bash
# Sends SIGINT to real training processes N times (default 10) at random iterations and checks each
# exit (130, resume line, no JVM crash) and the final weights against an uninterrupted run.
# Usage: scripts/interrupt-resume.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest='InterruptResumeTest#sigintAtRandomMomentsThenResumeEqualsAStraightRun' \
    -Dretinaj.interrupts="${1:-10}" -Dsurefire.failIfNoSpecifiedTests=false
echo "interrupt-resume: ${1:-10} SIGINTs, every resume exact"
