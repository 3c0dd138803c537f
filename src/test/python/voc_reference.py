"""Reference implementation of the PASCAL VOC devkit's detection AP rules (VOCevaldet.m / VOCap.m),
written for RetinaJ's test fixtures. Differences from the MATLAB code, on purpose and shared with
RetinaJ's VocEvaluator:
  * continuous coordinates: box corners are x1 = x, x2 = x + w (no +1 pixel), intersection
    iw = min(x2) - max(x1) must be > 0;
  * a detection is a true positive only for IoU > 0.5 strictly (the devkit code uses >=);
  * precision tp / (tp + fp) is taken as 0 where tp + fp == 0 (MATLAB's NaN there is skipped by max()).
Everything else follows the devkit: one stable sort per class by descending score over all detections
in file order, each detection takes its highest-IoU ground truth (first one on ties), difficult
matches are neither TP nor FP, a second match to a ground truth is a FP; voc07 = 11-point with
thresholds as MATLAB's 0:0.1:1 yields them; voc = area under the monotone PR envelope.
"""
import numpy as np


def matlab_colon(a, d, b):
    """MATLAB's a:d:b (the algorithm MathWorks published as colonop.m)."""
    tol = 2.0 * np.finfo(float).eps * max(abs(a), abs(b))
    n = int(round((b - a) / d))
    if (a + n * d - b) * np.sign(d) > tol:
        n -= 1
    c = a + n * d
    if np.sign(d) * (c - b) > -tol:
        c = b
    v = [0.0] * (n + 1)
    for k in range(0, n // 2 + 1):
        v[k] = a + k * d
        v[n - k] = c - k * d
    if n % 2 == 0:
        v[n // 2] = (a + c) / 2
    return v


def class_ap(gt_boxes, dets, metric):
    """gt_boxes: {image_id: [(x1, y1, x2, y2, difficult), ...]} for one class;
    dets: [(image_id, score, x1, y1, x2, y2), ...] in file order. Returns AP or None (no positives)."""
    npos = sum(1 for boxes in gt_boxes.values() for b in boxes if not b[4])
    if npos == 0:
        return None
    used = {img: [False] * len(boxes) for img, boxes in gt_boxes.items()}
    scores = np.array([-d[1] for d in dets], dtype=np.float64)
    order = np.argsort(scores, kind='stable')
    tp = np.zeros(len(dets))
    fp = np.zeros(len(dets))
    for rank, i in enumerate(order):
        img, _, bx1, by1, bx2, by2 = dets[i]
        ovmax, jmax = -np.inf, -1
        for j, (gx1, gy1, gx2, gy2, _) in enumerate(gt_boxes.get(img, [])):
            iw = min(bx2, gx2) - max(bx1, gx1)
            ih = min(by2, gy2) - max(by1, gy1)
            if iw > 0 and ih > 0:
                ua = (bx2 - bx1) * (by2 - by1) + (gx2 - gx1) * (gy2 - gy1) - iw * ih
                ov = iw * ih / ua
                if ov > ovmax:
                    ovmax, jmax = ov, j
        if ovmax > 0.5:
            if not gt_boxes[img][jmax][4]:
                if not used[img][jmax]:
                    tp[rank] = 1
                    used[img][jmax] = True
                else:
                    fp[rank] = 1
        else:
            fp[rank] = 1
    tp = np.cumsum(tp)
    fp = np.cumsum(fp)
    rec = tp / npos
    prec = [t / (t + f) if t + f > 0 else 0.0 for t, f in zip(tp, fp)]
    if metric == 'voc07':
        ap = 0.0
        for t in matlab_colon(0.0, 0.1, 1.0):
            p = [pr for pr, r in zip(prec, rec) if r >= t]
            ap = ap + (max(p) if p else 0.0) / 11
        return ap
    mrec = [0.0] + list(rec) + [1.0]
    mpre = [0.0] + list(prec) + [0.0]
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    ap = 0.0
    for i in range(1, len(mrec)):
        if mrec[i] != mrec[i - 1]:
            ap += (mrec[i] - mrec[i - 1]) * mpre[i]
    return ap


def evaluate(gt, dt, metric):
    """gt: COCO instances dict; dt: COCO results list. iscrowd counts as difficult.
    Returns (mAP or None, {category_id: AP or None})."""
    per_class = {}
    for cat in sorted(c['id'] for c in gt['categories']):
        boxes = {}
        for a in gt['annotations']:
            if a['category_id'] == cat:
                x, y, w, h = a['bbox']
                boxes.setdefault(a['image_id'], []).append((x, y, x + w, y + h, bool(a.get('iscrowd', 0))))
        dets = [(d['image_id'], d['score'], d['bbox'][0], d['bbox'][1], d['bbox'][0] + d['bbox'][2],
                 d['bbox'][1] + d['bbox'][3]) for d in dt if d['category_id'] == cat]
        per_class[cat] = class_ap(boxes, dets, metric)
    defined = [v for v in per_class.values() if v is not None]
    return (sum(defined) / len(defined) if defined else None), per_class
