"""PyTorch's side of the training benchmark: the reference network (digits' `classic`
preset), Adam, cross-entropy, the same MNIST images in memory, one line of JSON per epoch.

    python3 bench/pytorch_train.py --images FILE --labels FILE --limit 12800 --epochs 3 --batch-size 128
"""
import argparse
import json
import os
import struct
import sys
import time

import torch
from torch import nn


def read_idx(path, magic, header_ints):
    with open(path, "rb") as file:
        data = file.read()
    fields = struct.unpack(">" + "i" * header_ints, data[: 4 * header_ints])
    if fields[0] != magic:
        sys.exit(f"{path} is not an IDX file (magic {fields[0]:#x})")
    return fields, data[4 * header_ints :]


def load(images_path, labels_path, limit):
    (_, count, rows, cols), pixels = read_idx(images_path, 2051, 4)
    (_, _), labels = read_idx(labels_path, 2049, 2)
    count = min(count, limit) if limit else count
    x = torch.frombuffer(bytearray(pixels[: count * rows * cols]), dtype=torch.uint8)
    x = x.view(count, 1, rows, cols).float().div_(255)
    y = torch.frombuffer(bytearray(labels[:count]), dtype=torch.uint8).long()
    return x, y


def classic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", required=True)
    parser.add_argument("--labels", required=True)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    x, y = load(args.images, args.labels, args.limit)
    model = classic()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    loss_function = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)
    print(json.dumps({"type": "start", "torch": torch.__version__, "threads": torch.get_num_threads(), "images": len(x)}), flush=True)
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        order = torch.randperm(len(x), generator=generator)
        loss_sum = 0.0
        for start in range(0, len(x), args.batch_size):
            index = order[start : start + args.batch_size]
            xs, ys = x.index_select(0, index), y.index_select(0, index)
            optimizer.zero_grad(set_to_none=True)
            loss = loss_function(model(xs), ys)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(index)
        seconds = time.perf_counter() - started
        print(json.dumps({"type": "epoch", "epoch": epoch, "loss": loss_sum / len(x), "seconds": seconds, "imagesPerSecond": len(x) / seconds}), flush=True)


if __name__ == "__main__":
    main()
