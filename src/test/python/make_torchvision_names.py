#!/usr/bin/python3
"""Writes the state-dict keys and shapes of torchvision's retinanet_resnet50_fpn (v1, 91 classes) and
of the ImageNet ResNets, which RetinaJ's blocks must reproduce name for name (TorchvisionNamesTest).

    /usr/bin/python3 src/test/python/make_torchvision_names.py
"""
import os

import torchvision
from torchvision.models.detection import retinanet_resnet50_fpn

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "model")


def write(name, sd):
    with open(os.path.join(OUT, name), "w") as f:
        for k, v in sd.items():
            if not k.endswith("num_batches_tracked"):
                f.write(f"{k} {','.join(str(s) for s in v.shape)}\n")


write("tv_retinanet_resnet50_fpn_v1.txt",
      retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=91).state_dict())
for depth in (18, 34, 50, 101):
    write(f"tv_resnet{depth}.txt", getattr(torchvision.models, f"resnet{depth}")(weights=None).state_dict())
