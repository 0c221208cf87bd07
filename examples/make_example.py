#!/usr/bin/python3
"""Write examples/net_weights.pt: the state_dict of the Python twin of the
LibTorch model in examples/net.cpp (same parameter names, shapes and order).

    /usr/bin/python3 examples/make_example.py

The weights come from a fixed seed and one SGD step on random data; they are
not a trained classifier, only realistic in layout (~20 KB).
"""

import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    """Mirror of NetImpl in net.cpp: a small MNIST-style classifier."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3)        # 1x28x28 -> 8x26x26
        self.bn1 = nn.BatchNorm2d(8)
        self.fc1 = nn.Linear(8 * 4 * 4, 32)    # after max_pool 2 and adaptive pool 4x4
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(x, 2)
        x = F.adaptive_avg_pool2d(x, (4, 4))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return F.log_softmax(self.fc2(x), dim=1)


def main():
    torch.manual_seed(0)
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.randn(16, 1, 28, 28)
    y = torch.randint(0, 10, (16,))
    F.nll_loss(net(x), y).backward()
    opt.step()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "net_weights.pt")
    torch.save(net.state_dict(), out)
    print(f"{out}: {os.path.getsize(out)} bytes")
    for k, v in net.state_dict().items():
        print(f"  {k:24s} {list(v.shape)} {str(v.dtype)[6:]}")


if __name__ == "__main__":
    main()
