#!/usr/bin/python3
"""Writes src/main/resources/retinaj/torchscript/*.pt, the one-line TorchScript modules RetinaJ runs for
ops DJL 0.35's PyTorch bridge lacks: to_{bf16,fp16,fp32}.pt cast tensors under mixed precision (the
bridge has no type code for bfloat16, and its own cast, NDArray.toType, is not recorded by autograd; a
scripted x.to(dtype) is both); group_norm.pt is torch.group_norm, one fused op forward and backward
where composing it from DJL's ops takes about twelve (3-4x slower in the heads); relu_.pt is the in-place
ReLU (torch.relu_), which the bridge does not offer: it writes over its input instead of a freshly
allocated array, as torchvision's ReLU(inplace=True) does. The files hold code only (no weights), about
1.5 KB each.

    /usr/bin/python3 scripts/make_torchscript_modules.py   # Debian's python3-torch
"""
import torch


class ToBf16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


class ToFp16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float16)


class ToFp32(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.float32)


class GroupNormOp(torch.nn.Module):
    """groups: any tensor whose length is the group count (a shape, so reading it never syncs a GPU)."""

    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, groups: torch.Tensor) -> torch.Tensor:
        return torch.group_norm(x, groups.size(0), weight, bias, 1e-5)


class ReluInPlace(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu_(x)


for name, module in (("to_bf16", ToBf16()), ("to_fp16", ToFp16()), ("to_fp32", ToFp32()),
                     ("group_norm", GroupNormOp()), ("relu_", ReluInPlace())):
    torch.jit.script(module).save(f"src/main/resources/retinaj/torchscript/{name}.pt")
