#!/usr/bin/python3
"""Time torchvision's RetinaNet on the settings `retinaj bench train|model` uses, as the peer figure.

    /usr/bin/python3 scripts/bench_torchvision.py --mode train --iters 10
    /usr/bin/python3 scripts/bench_torchvision.py --mode infer --iters 10 --json

Needs Debian's python3-torchvision (apt-get install python3-torchvision); nothing is downloaded.
Model: retinanet_resnet50_fpn with random init, so BN is trainable and nothing is frozen (torchvision
freezes BN only for pretrained backbones), P6 from P5, 256-channel FPN and heads, --classes outputs.
The transform is told min_size = max_size = --size, so square inputs are not resized. Train mode
times forward + losses + backward + SGD step (lr 0.01, momentum 0.9, weight decay 1e-4); infer mode
times the eval-mode forward with post-processing. Targets: a few boxes per image from a fixed seed.
Prints the median and the min-max spread of the timed iterations, the peak RSS and the thread settings.
"""
import argparse
import json
import resource
import statistics
import sys
import time

import torch
import torchvision


def targets(batch, size, classes, gen):
    out = []
    for _ in range(batch):
        n = 3
        wh = torch.rand(n, 2, generator=gen) * (size * 0.4) + size * 0.08
        xy = torch.rand(n, 2, generator=gen) * (size - wh)
        boxes = torch.cat([xy, xy + wh], dim=1)
        labels = torch.randint(1, classes, (n,), generator=gen)
        out.append({"boxes": boxes, "labels": labels})
    return out


def start_profile(profiler, i, warmup):
    if profiler is not None and i == warmup:
        profiler.__enter__()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["train", "infer"], default="train")
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--batch", type=int, default=2)
    p.add_argument("--classes", type=int, default=91)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0 = torch's default)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--profile", metavar="TRACE_JSON",
                   help="record libtorch's op profile of the timed iterations (Chrome trace), as `retinaj bench --profile`")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = torchvision.models.detection.retinanet_resnet50_fpn(
        weights=None, weights_backbone=None, num_classes=a.classes, min_size=a.size, max_size=a.size)
    gen = torch.Generator().manual_seed(0)
    images = [torch.rand(3, a.size, a.size, generator=gen) for _ in range(a.batch)]
    tgts = targets(a.batch, a.size, a.classes, gen)
    times = []
    profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) \
        if a.profile else None
    if a.mode == "train":
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
        for i in range(a.warmup + a.iters):
            start_profile(profiler, i, a.warmup)
            t0 = time.perf_counter()
            losses = model(images, tgts)
            loss = sum(losses.values())
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss.item()
            if i >= a.warmup:
                times.append(time.perf_counter() - t0)
    else:
        model.eval()
        with torch.inference_mode():
            for i in range(a.warmup + a.iters):
                start_profile(profiler, i, a.warmup)
                t0 = time.perf_counter()
                dets = model(images)
                float(dets[0]["scores"].sum())
                if i >= a.warmup:
                    times.append(time.perf_counter() - t0)
    if profiler is not None and a.iters > 0:
        profiler.__exit__(None, None, None)
        profiler.export_chrome_trace(a.profile)
    rss_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    out = {"peer": f"torchvision {torchvision.__version__} / torch {torch.__version__}", "mode": a.mode,
           "size": a.size, "batch": a.batch, "classes": a.classes, "iterations": len(times),
           "median_s": round(statistics.median(times), 4), "min_s": round(min(times), 4),
           "max_s": round(max(times), 4), "peak_rss_gib": round(rss_gib, 3),
           "intra_op_threads": torch.get_num_threads(), "inter_op_threads": torch.get_num_interop_threads()}
    if a.json:
        print(json.dumps(out))
    else:
        print(f"{out['peer']}, {a.mode}, batch {a.batch} x {a.size}px: median {out['median_s']:.3f} s "
              f"(min {out['min_s']:.3f}, max {out['max_s']:.3f}, {len(times)} iterations), peak RSS "
              f"{rss_gib:.2f} GiB, threads intra {out['intra_op_threads']} / inter {out['inter_op_threads']}")


if __name__ == "__main__":
    sys.exit(main())
