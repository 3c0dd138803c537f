#!/usr/bin/env python3
"""Convert a torchvision checkpoint into a named-tensor file RetinaJ loads (via DJL's NDList.decode).

    python3 scripts/export_torchvision_weights.py --in MODEL.pth --out FILE.safetensors|FILE.npz

MODEL.pth is a torchvision state dict -- an ImageNet ResNet (resnet18/34/50/101) or a RetinaNet
such as retinanet_resnet50_fpn_coco -- or a checkpoint holding one under 'model' (or
'state_dict'), or a pickled nn.Module. Tensors keep torchvision's current (0.14+) names: older
layouts (FPN 'inner_blocks.0.weight', v1 head 'conv.2.weight') are renamed as torchvision's own
_load_from_state_dict does; 'num_batches_tracked' counters are dropped; values are written as
float32. Needs torch >= 1.13 and numpy; no safetensors package (the format is written here).
"""
import argparse
import json
import re
import struct
import sys
from collections import OrderedDict

import numpy as np
import torch


def load_state_dict(path):
    obj = torch.load(path, map_location="cpu")
    if isinstance(obj, torch.nn.Module):
        return obj.state_dict()
    if isinstance(obj, dict):
        for key in ("model", "state_dict"):
            inner = obj.get(key)
            if isinstance(inner, torch.nn.Module):
                return inner.state_dict()
            if isinstance(inner, dict) and any(torch.is_tensor(v) for v in inner.values()):
                return inner
        if any(torch.is_tensor(v) for v in obj.values()):
            return obj
    raise SystemExit(f"{path}: neither a state dict nor a checkpoint holding one under 'model'")


def upgrade_names(sd):
    """Rename pre-0.13 layouts to torchvision 0.14's module names."""
    out = OrderedDict()
    for name, t in sd.items():
        if name.startswith("module."):  # saved from DataParallel
            name = name[len("module."):]
        # FPN v1: inner_blocks.i.weight -> inner_blocks.i.0.weight (Conv2dNormActivation)
        name = re.sub(r"(fpn\.(?:inner|layer)_blocks\.\d+)\.(weight|bias)$", r"\1.0.\2", name)
        # RetinaNet head v1: conv.{2i}.weight (conv, relu, conv, relu, ...) -> conv.{i}.0.weight
        m = re.match(r"(.*_head\.conv)\.(\d+)\.(weight|bias)$", name)
        if m:
            name = f"{m.group(1)}.{int(m.group(2)) // 2}.0.{m.group(3)}"
        out[name] = t
    return out


def to_arrays(sd):
    arrays = OrderedDict()
    for name, t in sd.items():
        if name.endswith("num_batches_tracked"):
            continue
        if not torch.is_tensor(t) or not t.is_floating_point():
            raise SystemExit(f"unexpected non-float tensor {name}")
        arrays[name] = t.detach().to(torch.float32).contiguous().numpy()
    return arrays


def write_safetensors(path, arrays):
    header, offset = OrderedDict(), 0
    for name, a in arrays.items():
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the format allows trailing spaces; keeps tensors 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for a in arrays.values():
            f.write(a.astype("<f4", copy=False).tobytes())


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--in", dest="inp", required=True, help="torchvision .pth state dict or checkpoint")
    p.add_argument("--out", required=True, help="output .safetensors or .npz")
    args = p.parse_args(argv)
    arrays = to_arrays(upgrade_names(load_state_dict(args.inp)))
    if args.out.endswith(".safetensors"):
        write_safetensors(args.out, arrays)
    elif args.out.endswith(".npz"):
        np.savez(args.out, **arrays)
    else:
        raise SystemExit("--out must end with .safetensors or .npz")
    kind = "RetinaNet" if any(k.startswith("head.") for k in arrays) else "backbone"
    print(f"{args.out}: {len(arrays)} tensors ({kind}), "
          f"{sum(a.size for a in arrays.values()):,} values", file=sys.stderr)


if __name__ == "__main__":
    main()
