"""Generates RetinaJ's evaluation fixtures: small COCO GT / results pairs covering edge cases, with the
12 COCO stats and per-category AP computed by pycocotools, and VOC07 / VOC AP by voc_reference.py.

pycocotools is not vendored: build it from source outside the repository, e.g.
    git clone https://github.com/cocodataset/cocoapi /tmp/cocoapi
    cd /tmp/cocoapi/PythonAPI && /usr/bin/python3 setup.py build_ext --inplace
then run
    PYCOCOTOOLS=/tmp/cocoapi/PythonAPI /usr/bin/python3 src/test/python/make_eval_fixtures.py
It writes src/test/resources/eval/<case>_gt.json, <case>_dt.json and <case>_expected.json.
"""
import contextlib
import io
import json
import os
import random
import sys

import numpy as np

sys.path.insert(0, os.environ.get('PYCOCOTOOLS', '/tmp/cocoapi/PythonAPI'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if not hasattr(np, 'float'):
    np.float = float  # pycocotools' accumulate() still uses np.float, gone since numpy 1.24
from pycocotools.coco import COCO  # noqa: E402
from pycocotools.cocoeval import COCOeval  # noqa: E402
import voc_reference  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'eval')
STATS = ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"]


def coco_eval(gt, dt):
    with contextlib.redirect_stdout(io.StringIO()):
        cg = COCO()
        cg.dataset = json.loads(json.dumps(gt))
        cg.createIndex()
        cd = cg.loadRes(json.loads(json.dumps(dt)))
        e = COCOeval(cg, cd, 'bbox')
        e.evaluate()
        e.accumulate()
        e.summarize()
    per_class = {}
    for k, cat in enumerate(e.params.catIds):
        p = e.eval['precision'][:, :, k, 0, 2]
        per_class[str(cat)] = float(np.mean(p[p > -1])) if np.any(p > -1) else -1.0
    return {"stats": dict(zip(STATS, [float(s) for s in e.stats])), "per_class": per_class}


def voc_eval(gt, dt, metric):
    m, per = voc_reference.evaluate(gt, dt, metric)
    return {"mAP": -1.0 if m is None else m,
            "per_class": {str(k): (-1.0 if v is None else v) for k, v in per.items()}}


def write(name, gt, dt):
    expected = {"coco": coco_eval(gt, dt), "voc07": voc_eval(gt, dt, 'voc07'), "voc": voc_eval(gt, dt, 'voc')}
    for suffix, obj in (("gt", gt), ("dt", dt), ("expected", expected)):
        with open(os.path.join(OUT, f"{name}_{suffix}.json"), "w") as f:
            json.dump(obj, f, separators=(",", ":"))
    print(name, len(gt["annotations"]), "gt,", len(dt), "dt, AP", expected["coco"]["stats"]["AP"],
          "voc07", expected["voc07"]["mAP"])


class Builder:
    def __init__(self, ncat):
        self.gt = {"images": [], "annotations": [],
                   "categories": [{"id": c, "name": f"class{c}"} for c in range(1, ncat + 1)]}
        self.dt = []

    def image(self, iid, w, h):
        self.gt["images"].append({"id": iid, "width": w, "height": h})

    def box(self, iid, cat, b, crowd=0, area=None, ann_id=None):
        self.gt["annotations"].append({"id": len(self.gt["annotations"]) + 1 if ann_id is None else ann_id,
                                       "image_id": iid, "category_id": cat, "bbox": b,
                                       "area": b[2] * b[3] if area is None else area, "iscrowd": crowd})

    def det(self, iid, cat, b, s):
        self.dt.append({"image_id": iid, "category_id": cat, "bbox": b, "score": s})


def jitter(rng, b, amount, W, H):
    x, y, w, h = b
    nx = min(max(0.0, x + rng.gauss(0, amount * w)), W - 1)
    ny = min(max(0.0, y + rng.gauss(0, amount * h)), H - 1)
    nw = max(0.5, min(W - nx, w * (1 + rng.gauss(0, amount))))
    nh = max(0.5, min(H - ny, h * (1 + rng.gauss(0, amount))))
    return [round(nx, 2), round(ny, 2), round(nw, 2), round(nh, 2)]


def random_box(rng, W, H, scale):
    w = max(1.0, min(W, rng.uniform(0.3, 1.0) * scale))
    h = max(1.0, min(H, rng.uniform(0.3, 1.0) * scale))
    return [round(rng.uniform(0, W - w), 2), round(rng.uniform(0, H - h), 2), round(w, 2), round(h, 2)]


def edge_case(seed):
    """Empty images, categories without GT (with and without detections), crowd regions, a crowd-only
    category, score ties, > 100 detections per image, tiny and border-touching boxes, GT area unlike w*h,
    image ids out of order."""
    rng = random.Random(seed)
    b = Builder(7)  # class6: no GT but detections; class7: no GT, no detections
    ids = [17, 3, 250, 9, 42, 100, 1, 77]
    for iid in ids:
        b.image(iid, 320, 240)
    # 1: empty image (no GT, no dets); 77: no GT but false positives
    b.det(77, 1, [10, 10, 50, 50], 0.9)
    b.det(77, 6, [0, 0, 30, 30], 0.5)
    # border-touching and tiny boxes on image 3
    b.box(3, 1, [0, 0, 40, 30])
    b.box(3, 1, [280, 200, 40, 40])
    b.box(3, 2, [100, 100, 3, 2])          # tiny
    b.box(3, 2, [150, 150, 0.8, 0.6])      # sub-pixel
    b.det(3, 1, [0, 0, 41, 30], 0.8)
    b.det(3, 1, [279, 201, 41, 39], 0.8)   # tie with the one above
    b.det(3, 2, [100, 100, 3, 2.5], 0.7)
    b.det(3, 2, [150.1, 150, 0.8, 0.6], 0.7)
    b.det(3, 2, [100.5, 100, 3, 2], 0.7)   # duplicate: FP at strict thresholds
    # crowd regions on image 17
    b.box(17, 1, [50, 50, 200, 150], crowd=1, area=20000)
    b.box(17, 1, [60, 60, 40, 40])
    for k in range(8):
        b.det(17, 1, [55 + 20 * k, 70, 30, 30], 0.6)  # all tied; some on the crowd region only
    b.det(17, 1, [61, 59, 40, 41], 0.6)
    # crowd-only category 3 on image 9 (no regular GT anywhere): undefined AP
    b.box(9, 3, [10, 10, 100, 100], crowd=1)
    b.det(9, 3, [20, 20, 50, 50], 0.95)
    # GT area field unlike w*h (segmentation area) moves boxes across size ranges
    b.box(9, 4, [10, 10, 40, 40], area=900.0)    # box is medium by w*h, small by area
    b.box(9, 4, [100, 100, 100, 100], area=9000)  # large by w*h, medium by area
    b.det(9, 4, [12, 10, 40, 40], 0.9)
    b.det(9, 4, [100, 102, 100, 100], 0.4)
    b.det(9, 4, [200, 150, 20, 20], 0.4)
    # > 100 detections on image 42, many tied
    for g in range(6):
        b.box(42, 5, random_box(rng, 320, 240, 80))
    gts5 = [a["bbox"] for a in b.gt["annotations"] if a["image_id"] == 42]
    for k in range(160):
        s = round(rng.choice([0.9, 0.5, 0.3, rng.random()]), 3)
        src = gts5[k % 6] if rng.random() < 0.5 else random_box(rng, 320, 240, 60)
        b.det(42, 5, jitter(rng, src, 0.1, 320, 240), s)
    # a few regular objects elsewhere, detections spread over images with ties across images
    for iid in (250, 100, 9):
        for cat in (1, 2, 4, 5):
            for _ in range(rng.randint(0, 3)):
                g = random_box(rng, 320, 240, rng.choice([20, 50, 150]))
                b.box(iid, cat, g, crowd=1 if rng.random() < 0.1 else 0)
                if rng.random() < 0.8:
                    b.det(iid, cat, jitter(rng, g, 0.08, 320, 240), rng.choice([0.5, 0.6, 0.7]))
            if rng.random() < 0.5:
                b.det(iid, cat, random_box(rng, 320, 240, 60), rng.choice([0.5, 0.6]))
    return b


def random_case(seed, images, ncat, dets_per_image, tie_levels):
    rng = random.Random(seed)
    b = Builder(ncat)
    for i in range(images):
        iid = rng.randint(1, 10 ** 6) * 10 + i % 10
        W, H = rng.choice([(640, 480), (500, 375), (100, 80)])
        b.image(iid, W, H)
        objs = []
        for _ in range(rng.randint(0, 6)):
            cat = rng.randint(1, ncat - 1)  # the last category never has GT
            g = random_box(rng, W, H, rng.choice([15, 40, 120, 300]))
            crowd = 1 if rng.random() < 0.05 else 0
            b.box(iid, cat, g, crowd=crowd)
            objs.append((cat, g))
        for _ in range(rng.randint(0, dets_per_image)):
            if objs and rng.random() < 0.6:
                cat, g = rng.choice(objs)
                if rng.random() < 0.15:
                    cat = rng.randint(1, ncat)
                bb = jitter(rng, g, rng.choice([0.03, 0.1, 0.3]), W, H)
            else:
                cat = rng.randint(1, ncat)
                bb = random_box(rng, W, H, rng.choice([15, 40, 120]))
            s = rng.random()
            if tie_levels:
                s = round(s * tie_levels) / tie_levels
            b.det(iid, cat, bb, s)
    return b


def nasty_case(seed):
    """Integer grid boxes (IoUs land exactly on thresholds), duplicate GT, zero-size and zero-area boxes,
    many equal scores including 0, crowd regions overlapping regular objects, detections on crowd-only
    images, big image ids."""
    rng = random.Random(seed)
    b = Builder(4)
    for i in range(15):
        b.image(10 ** 9 + rng.randint(0, 10 ** 6) * 16 + i, 128, 96)
    ids = [im["id"] for im in b.gt["images"]]
    for iid in ids:
        objs = []
        for _ in range(rng.randint(0, 8)):
            cat = rng.randint(1, 3)
            g = [rng.randrange(0, 120, 4), rng.randrange(0, 90, 4), rng.choice([0, 4, 8, 16, 32, 64]),
                 rng.choice([0, 4, 8, 16, 32, 48])]
            crowd = 1 if rng.random() < 0.15 else 0
            area = g[2] * g[3] if rng.random() < 0.8 else rng.choice([0, 500, 1024, 9216, 20000])
            b.box(iid, cat, g, crowd=crowd, area=area)
            objs.append((cat, g))
            if rng.random() < 0.1:
                b.box(iid, cat, list(g))  # duplicate ground truth
        for _ in range(rng.randint(0, 120)):
            if objs and rng.random() < 0.7:
                cat, g = rng.choice(objs)
                d = [g[0] + rng.choice([-4, 0, 0, 4]), g[1] + rng.choice([0, 0, 4]),
                     max(0, g[2] + rng.choice([-8, -4, 0, 0, 4])), max(0, g[3] + rng.choice([-4, 0, 0, 8]))]
                if rng.random() < 0.1:
                    cat = rng.randint(1, 4)
            else:
                cat = rng.randint(1, 4)
                d = [rng.randrange(0, 120, 4), rng.randrange(0, 90, 4), rng.choice([4, 8, 16, 40]),
                     rng.choice([4, 8, 16, 40])]
            b.det(iid, cat, d, rng.choice([0, 0.25, 0.5, 0.5, 0.75, 1.0]))
    return b


def duplicate_ids(seed):
    """Annotation ids reused across and within images: pycocotools resolves every occurrence to the last
    annotation with that id."""
    rng = random.Random(seed)
    b = random_case(seed, 20, 4, 30, 5)
    anns = b.gt["annotations"]
    for i, a in enumerate(anns):
        if i > 0 and rng.random() < 0.2:
            a["id"] = anns[rng.randrange(0, i)]["id"]
    return b


def exact_thresholds():
    """Integer boxes whose IoU is exactly 0.5, 0.75 and other grid values (>= vs > at thresholds)."""
    b = Builder(2)
    b.image(1, 200, 200)
    b.image(2, 200, 200)
    b.box(1, 1, [0, 0, 100, 100])
    b.det(1, 1, [0, 0, 100, 50], 0.9)          # IoU 0.5 exactly
    b.box(1, 1, [100, 100, 40, 40])
    b.det(1, 1, [100, 100, 40, 30], 0.8)       # IoU 0.75 exactly
    b.box(2, 1, [0, 0, 60, 60])
    b.det(2, 1, [0, 0, 60, 36], 0.8)           # IoU 0.6 exactly
    b.box(2, 2, [10, 10, 20, 20])
    b.det(2, 2, [10, 10, 20, 20], 0.3)
    b.det(2, 2, [10, 10, 20, 10], 0.3)
    b.box(2, 2, [100, 100, 10, 10], ann_id=0)  # id 0: pycocotools counts its match as no match
    b.det(2, 2, [100, 100, 10, 10], 0.2)
    return b


def main():
    os.makedirs(OUT, exist_ok=True)
    from pycocotools.cocoeval import Params
    p = Params(iouType='bbox')
    with open(os.path.join(OUT, "coco_thresholds.json"), "w") as f:
        json.dump({"iouThrs": [float(v) for v in p.iouThrs], "recThrs": [float(v) for v in p.recThrs]}, f)
    for name, builder in (("edge", edge_case(7)),
                          ("random_ties", random_case(11, 60, 6, 25, 10)),
                          ("random_dense", random_case(23, 12, 4, 140, 0)),
                          ("exact_thresholds", exact_thresholds()),
                          ("nasty", nasty_case(5)),
                          ("duplicate_ids", duplicate_ids(31))):
        write(name, builder.gt, builder.dt)


if __name__ == "__main__":
    main()
