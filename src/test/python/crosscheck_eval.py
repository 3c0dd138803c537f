"""Cross-checks `retinaj eval` against pycocotools (COCO) and voc_reference.py (voc07, voc) on many
freshly generated cases (the fixture generators with other seeds). Needs the jar built
(mvn -B -q -o package -DskipTests) and pycocotools (see make_eval_fixtures.py).
    PYCOCOTOOLS=/tmp/cocoapi/PythonAPI /usr/bin/python3 src/test/python/crosscheck_eval.py [--seeds 10]
Prints the largest difference per metric and exits 1 if any exceeds 1e-6.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import make_eval_fixtures as fx

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))


def retinaj_eval(gt_file, dt_file, metric):
    out = subprocess.run([os.path.join(ROOT, 'scripts', 'retinaj'), 'eval', '--gt', gt_file, '--detections', dt_file,
                          '--metric', metric, '--json'], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seeds', type=int, default=10)
    args = ap.parse_args()
    worst = {'coco': 0.0, 'voc07': 0.0, 'voc': 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(100, 100 + args.seeds):
            for kind, b in (('edge', fx.edge_case(seed)), ('nasty', fx.nasty_case(seed)), ('dup', fx.duplicate_ids(seed)),
                            ('random', fx.random_case(seed, 30, 5, 60, seed % 3 * 5))):
                gt_file = os.path.join(tmp, 'gt.json')
                dt_file = os.path.join(tmp, 'dt.json')
                json.dump(b.gt, open(gt_file, 'w'))
                json.dump(b.dt, open(dt_file, 'w'))
                names = {c['id']: c['name'] for c in b.gt['categories']}
                exp = fx.coco_eval(b.gt, b.dt)
                got = retinaj_eval(gt_file, dt_file, 'coco')
                d = max([abs(v - got[k]) for k, v in exp['stats'].items()]
                        + [abs(v - got['per_class'][names[int(c)]]) for c, v in exp['per_class'].items()])
                worst['coco'] = max(worst['coco'], d)
                for metric in ('voc07', 'voc'):
                    exp = fx.voc_eval(b.gt, b.dt, metric)
                    got = retinaj_eval(gt_file, dt_file, metric)
                    d = max([abs(exp['mAP'] - got['mAP'])]
                            + [abs(v - got['per_class'][names[int(c)]]) for c, v in exp['per_class'].items()])
                    worst[metric] = max(worst[metric], d)
                print(f'seed {seed} {kind}: worst so far {worst}', flush=True)
    print('largest differences:', worst)
    sys.exit(1 if max(worst.values()) > 1e-6 else 0)


if __name__ == '__main__':
    main()
