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


def conv_macs(module, *inputs):
    """Multiply-accumulates of every Conv2d during module(*inputs), counted with forward hooks."""
    import torch
    total = [0]

    def hook(m, inp, out):
        total[0] += out.numel() // out.shape[0] * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    handles = [m.register_forward_hook(hook) for m in module.modules() if isinstance(m, torch.nn.Conv2d)]
    with torch.no_grad():
        module(*inputs)
    for h in handles:
        h.remove()
    return total[0]


def write_macs():
    import torch
    tv = retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=91).eval()
    lines = []
    for h, w in ((512, 512), (333, 500)):
        x = torch.zeros(1, 3, h, w)
        feats = list(tv.backbone(x).values())
        macs = conv_macs(tv.backbone, x) + conv_macs(tv.head, feats)
        lines.append(f"retinanet_resnet50_fpn_v1 {h} {w} {macs}")
    for depth in (18, 50):
        body = getattr(torchvision.models, f"resnet{depth}")(weights=None).eval()
        body.fc = torch.nn.Identity()
        lines.append(f"resnet{depth}_convs 224 224 {conv_macs(body, torch.zeros(1, 3, 224, 224))}")
    with open(os.path.join(OUT, "tv_conv_macs.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


write_macs()
