"""Python models behind the Python-written story checkpoints (make_checkpoints.py).

Each is the Python twin of a C++ model in models/ (same registered names), or an
older or differently built version of it, as the story in stories.json says.
Whole-model and TorchScript checkpoints record these classes as
`story_models.<Class>`, so loading them needs this directory on sys.path.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class ClassifierTwin(nn.Module):
    """Twin of models/classifier.cpp."""

    def __init__(self, in_features=32, hidden=16, num_classes=4):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, num_classes)

    def forward(self, x):
        return self.fc2(F.relu(self.bn(self.fc1(x))))


class EncoderTwin(nn.Module):
    """Twin of models/encoder.cpp (trained with hidden=768)."""

    def __init__(self, hidden=512, in_features=16, out_features=8):
        super().__init__()
        self.input = nn.Linear(in_features, hidden)
        self.norm = nn.LayerNorm(hidden)
        self.output = nn.Linear(hidden, out_features)

    def forward(self, x):
        return self.output(F.gelu(self.norm(self.input(x))))


class ConvBnTwin(nn.Module):
    """Twin of models/conv_bn.cpp."""

    def __init__(self, channels=8):
        super().__init__()
        self.conv1 = nn.Conv2d(3, channels, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class FeatureNetNested(nn.Module):
    """The Python original that models/features_port.cpp ports: blocks nested in Sequential."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(conv_block(3, 8), conv_block(8, 16))
        self.classifier = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.classifier(F.adaptive_avg_pool2d(self.features(x), 1).flatten(1))


class ProjectorLinear(nn.Module):
    """models/conv_projector.cpp's names, but 'proj' is a Linear over the last dimension."""

    def __init__(self, in_features: int = 8, out_features: int = 4):
        super().__init__()
        self.proj = nn.Linear(in_features, out_features)
        self.norm = nn.LayerNorm(out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.proj(x))


class RawProjectionTransposed(nn.Module):
    """models/raw_projection.cpp's names, with w stored [in, out] and used as x @ w."""

    def __init__(self, in_features=10, out_features=6):
        super().__init__()
        self.w = nn.Parameter(torch.randn(in_features, out_features) * 0.1)
        self.b = nn.Parameter(torch.zeros(out_features))

    def forward(self, x):
        return x @ self.w + self.b


class TiedLmTwin(nn.Module):
    """Twin of models/tied_lm.cpp: the decoder's weight IS the embedding's."""

    def __init__(self, vocab_size=40, dim=12):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, dim)
        self.rnn = nn.LSTM(dim, dim, batch_first=True)
        self.decoder = nn.Linear(dim, vocab_size)
        self.decoder.weight = self.embedding.weight

    def forward(self, tokens):
        return self.decoder(self.rnn(self.embedding(tokens))[0])


class TwoLayerSliced(nn.Module):
    """models/two_layer.cpp's names with two different widths: fc2 reads the first 24 of fc1's 32 features."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.fc2 = nn.Linear(24, 4)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x))[:, :24])


class ResidualStackTwin(nn.Module):
    """Twin of models/residual_stack.cpp."""

    def __init__(self, dim=8, num_layers=4):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(dim, dim) for _ in range(num_layers))
        self.out = nn.Linear(dim, 1)

    def forward(self, x):
        for layer in self.layers:
            x = x + F.relu(layer(x))
        return self.out(x)


class OptimizedModule(nn.Module):
    """Holds the model as '_orig_mod', as torch 2's torch.compile wrapper does (torch 1.13 has no torch.compile)."""

    def __init__(self, mod):
        super().__init__()
        self._orig_mod = mod

    def forward(self, *args):
        return self._orig_mod(*args)


class LitClassifier(nn.Module):
    """The LightningModule-style holder: the network lives under 'model'."""

    def __init__(self):
        super().__init__()
        self.model = ClassifierTwin()

    def forward(self, x):
        return self.model(x)
