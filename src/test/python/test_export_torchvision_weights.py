#!/usr/bin/python3
"""Checks scripts/export_torchvision_weights.py: old (torchvision < 0.13) RetinaNet layouts are renamed
to 0.14's keys, counters dropped, values kept, in both output formats.

    /usr/bin/python3 src/test/python/test_export_torchvision_weights.py
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch
from torchvision.models.detection import retinanet_resnet50_fpn

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "export_torchvision_weights.py")


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    return {k: np.frombuffer(data[v["data_offsets"][0]:v["data_offsets"][1]], "<f4").reshape(v["shape"])
            for k, v in header.items()}


def to_v1_layout(sd):
    old = {}
    for k, v in sd.items():
        k = re.sub(r"(fpn\.(?:inner|layer)_blocks\.\d+)\.0\.(weight|bias)$", r"\1.\2", k)
        m = re.match(r"(.*_head\.conv)\.(\d+)\.0\.(weight|bias)$", k)
        if m:
            k = f"{m.group(1)}.{2 * int(m.group(2))}.{m.group(3)}"
        old[k] = v
    return old


def main():
    torch.manual_seed(1)
    sd = retinanet_resnet50_fpn(weights=None, weights_backbone=None, num_classes=5).state_dict()
    expected = {k: v.numpy() for k, v in sd.items() if not k.endswith("num_batches_tracked")}
    with tempfile.TemporaryDirectory() as tmp:
        pth = os.path.join(tmp, "old.pth")
        old = to_v1_layout(sd)
        assert "head.classification_head.conv.6.weight" in old and "backbone.fpn.inner_blocks.2.bias" in old
        torch.save({"model": old, "epoch": 3}, pth)
        for ext in ("safetensors", "npz"):
            out = os.path.join(tmp, "w." + ext)
            subprocess.run([sys.executable, SCRIPT, "--in", pth, "--out", out], check=True)
            got = read_safetensors(out) if ext == "safetensors" else dict(np.load(out))
            assert set(got) == set(expected), set(got) ^ set(expected)
            for k, v in expected.items():
                assert got[k].dtype == np.float32 and np.array_equal(got[k], v), k
            print(f"{ext}: {len(got)} tensors equal")


if __name__ == "__main__":
    main()
