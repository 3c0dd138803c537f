#!/usr/bin/python3
"""Reference for PostProcessorTest: torchvision 0.14's RetinaNet.postprocess_detections followed by
GeneralizedRCNNTransform.postprocess (rescaling to the original image size), on random head outputs.

Run with Debian's python3-torchvision from this directory:
    /usr/bin/python3 make_postprocess.py > postprocess.json
"""
import json, sys, types
import torch
from torchvision.models.detection import _utils as det_utils
from torchvision.models.detection.retinanet import RetinaNet
from torchvision.models.detection.transform import resize_boxes

g = torch.Generator().manual_seed(7)
levels = [(6, 6, 8), (3, 3, 16), (2, 2, 32)]  # (height, width, stride)
A, K, B = 9, 3, 2
n = sum(h * w for h, w, _ in levels) * A


def r(t):  # round so the JSON holds exactly the numbers torchvision saw
    return torch.round(t * 1e5) / 1e5


def short(t):  # 5 decimals: the float32 values above, printed briefly
    return json.loads(json.dumps(t.tolist(), default=float), parse_float=lambda s: round(float(s), 5))


xy = torch.rand(n, 2, generator=g) * 48
anchors = r(torch.cat([xy, xy + 4 + torch.rand(n, 2, generator=g) * 30], 1))
logits = r(torch.randn(B, n, K, generator=g) * 2.5 - 2.0)
deltas = r(torch.randn(B, n, 4, generator=g) * 0.3)
resized = [(44, 47), (40, 30)]      # (height, width) of each resized image
original = [(88, 94), (101, 75)]

self = types.SimpleNamespace(score_thresh=0.05, topk_candidates=40, nms_thresh=0.5, detections_per_img=25,
                             box_coder=det_utils.BoxCoder(weights=(1.0, 1.0, 1.0, 1.0)))
split = [h * w * A for h, w, _ in levels]
head = {"cls_logits": list(logits.split(split, 1)), "bbox_regression": list(deltas.split(split, 1))}
per_image_anchors = [list(anchors.split(split, 0)) for _ in range(B)]
dets = RetinaNet.postprocess_detections(self, head, per_image_anchors, resized)
out = []
for d, rs, orig in zip(dets, resized, original):
    boxes = resize_boxes(d["boxes"], rs, orig)
    out.append({"boxes": boxes.tolist(), "scores": d["scores"].tolist(), "labels": d["labels"].tolist()})
json.dump({"levels": levels, "anchors_per_location": A, "num_classes": K,
           "score_thresh": self.score_thresh, "topk_per_level": self.topk_candidates,
           "nms_thresh": self.nms_thresh, "max_dets": self.detections_per_img,
           "resized_hw": resized, "original_hw": original,
           "anchors": short(anchors), "logits": short(logits), "deltas": short(deltas),
           "detections": out}, sys.stdout)
