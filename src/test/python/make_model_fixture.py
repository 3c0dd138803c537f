#!/usr/bin/python3
"""Writes the model-parity fixture: a small torchvision RetinaNet (v1 settings) and its outputs.

    /usr/bin/python3 src/test/python/make_model_fixture.py [--seed 0] [--height 128 --width 256]
        [--classes 3] [--out src/test/resources/model]

The model is torchvision's own RetinaNet with a ResNet-18 body at 1/8 width (torchvision's BasicBlock
and _make_layer with 8/16/32/64 planes, so the fixture stays small), FrozenBatchNorm2d with random
affine and running statistics, an FPN of 32 channels with LastLevelP6P7 on P5 (v1), the 4-conv
RetinaNetHead and the default anchors (32, 40, 50 ...). Weights are random from --seed and written by
scripts/export_torchvision_weights.py (through a .pth, as a user would). Outputs, for one input:
C3..C5, P3..P7, the head outputs, the anchors, the post-processed detections (input-pixel boxes)
and, for three ground-truth boxes (gt_boxes, gt_labels), torchvision's loss_cls and loss_box, in float32
and with the whole model in float64 (loss_cls_f64, loss_box_f64), in an npz.
The matching RetinaJ config is in ModelParityTest.
"""
import argparse
import copy
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
from torch import nn
from torchvision.models import resnet18
from torchvision.models.detection.backbone_utils import BackboneWithFPN
from torchvision.models.detection.image_list import ImageList
from torchvision.models.detection.retinanet import RetinaNet
from torchvision.models.resnet import BasicBlock
from torchvision.ops.feature_pyramid_network import LastLevelP6P7
from torchvision.ops.misc import FrozenBatchNorm2d

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def small_resnet18(width):
    body = resnet18(weights=None, norm_layer=FrozenBatchNorm2d)
    body.inplanes = width
    body.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
    body.bn1 = FrozenBatchNorm2d(width)
    body.layer1 = body._make_layer(BasicBlock, width, 2)
    body.layer2 = body._make_layer(BasicBlock, width * 2, 2, stride=2)
    body.layer3 = body._make_layer(BasicBlock, width * 4, 2, stride=2)
    body.layer4 = body._make_layer(BasicBlock, width * 8, 2, stride=2)
    for m in body.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(m, FrozenBatchNorm2d):  # non-trivial frozen statistics
            m.weight.uniform_(0.5, 1.5)
            m.bias.normal_(0, 0.2)
            m.running_mean.normal_(0, 0.2)
            m.running_var.uniform_(0.5, 2.0)
    return body


def build(num_classes, width=8, fpn_channels=32):
    body = small_resnet18(width)
    backbone = BackboneWithFPN(
        body,
        return_layers={"layer2": "0", "layer3": "1", "layer4": "2"},
        in_channels_list=[width * 2, width * 4, width * 8],
        out_channels=fpn_channels,
        extra_blocks=LastLevelP6P7(fpn_channels, fpn_channels),  # in == out: P6 from P5 (v1)
    )
    model = RetinaNet(backbone, num_classes)  # default anchors 32/40/50 ..., 4-conv head, no norm
    with torch.no_grad():
        # Larger head weights than torchvision's N(0, 0.01), so that the outputs depend on the features.
        for sub in (model.head.classification_head, model.head.regression_head):
            for m in sub.conv.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
    return model.eval()


def calibrate(model, x):
    """Scale the output convs so that logits have std 1.5 and deltas std 0.3 on x, and shift the
    class biases so that about 0.5% of the scores pass the 0.05 threshold: some tens of detections
    of every class with distinct scores (no saturated ties), fewer than the 300 kept."""
    head = model.head
    with torch.no_grad():
        head.classification_head.cls_logits.bias.zero_()
        out = head(list(model.backbone(x).values()))
        head.classification_head.cls_logits.weight.mul_(1.5 / out["cls_logits"].std())
        head.regression_head.bbox_reg.weight.mul_(0.3 / out["bbox_regression"].std())
        logits = head(list(model.backbone(x).values()))["cls_logits"]
        q = torch.quantile(logits.flatten(), 0.995)
        bias = head.classification_head.cls_logits.bias
        bias.copy_(math.log(0.05 / 0.95) - q + 0.2 * torch.randn_like(bias))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--height", type=int, default=128)
    p.add_argument("--width", type=int, default=256)
    p.add_argument("--classes", type=int, default=3)
    p.add_argument("--out", default=os.path.join(ROOT, "src/test/resources/model"))
    p.add_argument("--name", default="tv_r18_fpn")
    args = p.parse_args()
    torch.manual_seed(args.seed)
    model = build(args.classes)
    x = torch.randn(1, 3, args.height, args.width)
    calibrate(model, x)
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pth = os.path.join(tmp, "model.pth")
        torch.save({"model": model.state_dict()}, pth)
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/export_torchvision_weights.py"),
                        "--in", pth, "--out", os.path.join(args.out, args.name + ".safetensors")], check=True)

    hw = (args.height, args.width)
    with torch.no_grad():
        c = model.backbone.body(x)
        feats = model.backbone(x)
        features = list(feats.values())
        head = model.head(features)
        # post-processing exactly as RetinaNet.forward in eval mode (without the resize transform)
        anchors = model.anchor_generator(ImageList(x, [hw]), features)
        a = model.anchor_generator.num_anchors_per_location()[0]
        per_level = [f.size(2) * f.size(3) * a for f in features]
        split_head = {k: list(v.split(per_level, dim=1)) for k, v in head.items()}
        split_anchors = [list(an.split(per_level)) for an in anchors]
        det = model.postprocess_detections(split_head, split_anchors, [hw])[0]
        # training losses for a few boxes (v1: focal loss and L1, each normalised per image)
        h, w = hw
        gt_boxes = torch.tensor([[0.05 * w, 0.1 * h, 0.3 * w, 0.7 * h], [0.4 * w, 0.2 * h, 0.9 * w, 0.95 * h],
                                 [0.6 * w, 0.02 * h, 0.68 * w, 0.2 * h]])
        gt_labels = torch.arange(3) % args.classes
        losses = model.compute_loss([{"boxes": gt_boxes, "labels": gt_labels}], head, anchors)
        # the same losses with every tensor in float64: the reference for RetinaJ's float32 sums
        wide = copy.deepcopy(model).double()
        head64 = wide.head(list(wide.backbone(x.double()).values()))
        losses64 = wide.compute_loss([{"boxes": gt_boxes.double(), "labels": gt_labels}], head64,
                                     [a.double() for a in anchors])

    out = {"input": x}
    for i, k in enumerate(["0", "1", "2"]):
        out[f"c{i + 3}"] = c[k]
    for i, k in enumerate(feats.keys()):
        out[f"p{i + 3}"] = feats[k]
    out["cls_logits"] = head["cls_logits"]
    out["bbox_regression"] = head["bbox_regression"]
    out["anchors"] = anchors[0]
    out["det_boxes"] = det["boxes"]
    out["det_scores"] = det["scores"]
    out["det_labels"] = det["labels"]
    out["gt_boxes"] = gt_boxes
    out["gt_labels"] = gt_labels
    out["loss_cls"] = losses["classification"]
    out["loss_box"] = losses["bbox_regression"]
    out["loss_cls_f64"] = losses64["classification"]
    out["loss_box_f64"] = losses64["bbox_regression"]
    kinds = {"det_labels": np.int64, "gt_labels": np.int64, "loss_cls_f64": np.float64, "loss_box_f64": np.float64}
    arrays = {k: v.numpy().astype(kinds.get(k, np.float32)) for k, v in out.items()}
    np.savez(os.path.join(args.out, args.name + "_outputs.npz"), **arrays)
    print(f"{args.name}: {len(det['scores'])} detections, "
          + ", ".join(f"{k} {tuple(v.shape)}" for k, v in arrays.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
