#!/usr/bin/python3
"""Writes a measurement fixture (not committed: ~150 MB): torchvision's retinanet_resnet50_fpn at random
init (trainable-BN layout, 91 classes), one 512 x 512 input with a few boxes, and its first-iteration
losses computed in float32 and with the whole model in float64. LossFloat64Test reads it when run with
-Dretinaj.loss.fixture=DIR and holds RetinaJ's float32 losses to the float64 ones within 1e-5.

    /usr/bin/python3 src/test/python/make_r50_loss_fixture.py --out /tmp/r50_loss
    mvn -B test -Dtest=LossFloat64Test -Dretinaj.loss.fixture=/tmp/r50_loss
"""
import argparse
import copy
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torchvision
from torchvision.models.detection.image_list import ImageList

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--size", type=int, default=512)
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
torch.manual_seed(a.seed)
model = torchvision.models.detection.retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=91).eval()
x = torch.randn(1, 3, a.size, a.size)
s = a.size
gt_boxes = torch.tensor([[0.05 * s, 0.1 * s, 0.3 * s, 0.7 * s], [0.4 * s, 0.2 * s, 0.9 * s, 0.95 * s],
                         [0.6 * s, 0.02 * s, 0.68 * s, 0.2 * s]])
gt_labels = torch.tensor([1, 17, 62])
os.makedirs(a.out, exist_ok=True)


def losses(m, inp, boxes):
    with torch.no_grad():
        feats = list(m.backbone(inp).values())
        head = m.head(feats)
        anchors = m.anchor_generator(ImageList(inp, [(s, s)]), feats)
        out = m.compute_loss([{"boxes": boxes, "labels": gt_labels}], head, anchors)
    return out["classification"], out["bbox_regression"]


cls32, box32 = losses(model, x, gt_boxes)
cls64, box64 = losses(copy.deepcopy(model).double(), x.double(), gt_boxes.double())
with tempfile.TemporaryDirectory() as tmp:
    pth = os.path.join(tmp, "model.pth")
    torch.save({"model": model.state_dict()}, pth)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts/export_torchvision_weights.py"), "--in", pth,
                    "--out", os.path.join(a.out, "model.safetensors")], check=True)
np.savez(os.path.join(a.out, "losses.npz"), input=x.numpy(), gt_boxes=gt_boxes.numpy(),
         gt_labels=gt_labels.numpy().astype(np.int64), loss_cls=np.float32(cls32), loss_box=np.float32(box32),
         loss_cls_f64=np.float64(cls64), loss_box_f64=np.float64(box64))
print(f"float32 cls {cls32.item():.9g} box {box32.item():.9g}; float64 cls {cls64.item():.12g} box {box64.item():.12g}; "
      f"torchvision float32 relative error cls {cls32.item() / cls64.item() - 1:.2e} box {box32.item() / box64.item() - 1:.2e}")
