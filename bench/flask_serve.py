"""The reference stack of the serving benchmark: the small Flask app a Python user would
deploy for the same network (digits' `classic` preset in PyTorch), run under gunicorn:

    DIGITS_FLASK_MODEL=models/classic python3 -m gunicorn -w 2 -b 127.0.0.1:8081 --chdir bench flask_serve:app

- `POST /predict`: a PNG body -> PIL -> grayscale -> 28x28 floats in [0, 1] -> the model
  -> `{"digit": d, "probabilities": [10 floats]}`.
- `POST /v1/models/<name>:predict`: `{"instances": [28x28 floats]}` -> `{"predictions": [[10 floats]]}`.
- `GET /health`: 200 once the model is loaded.

The weights are digits' own (models/classic: tfjs layers format, converted here), so both
stacks answer alike; without DIGITS_FLASK_MODEL the network starts from a random init.
One torch thread per worker, inference under `no_grad`, no cache of any kind.
"""
import io
import json
import os

import torch
from flask import Flask, jsonify, request
from PIL import Image
from torch import nn

torch.set_num_threads(1)


def classic():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def load_tfjs_weights(model, folder):
    """digits' tfjs layers model (model.json + weights.bin) into the PyTorch network."""
    with open(os.path.join(folder, "model.json"), encoding="utf8") as file:
        manifest = json.load(file)["weightsManifest"]
    tensors = []
    for group in manifest:
        data = b"".join(open(os.path.join(folder, name), "rb").read() for name in group["paths"])
        offset = 0
        for weight in group["weights"]:
            if weight["dtype"] != "float32":
                raise ValueError(f"{weight['name']} is {weight['dtype']}; only float32 weights are read")
            count = 1
            for size in weight["shape"]:
                count *= size
            values = torch.frombuffer(bytearray(data[offset : offset + 4 * count]), dtype=torch.float32)
            tensors.append(values.reshape(weight["shape"]))
            offset += 4 * count
    conv1_k, conv1_b, conv2_k, conv2_b, dense1_k, dense1_b, dense2_k, dense2_b = tensors
    with torch.no_grad():
        # Conv kernels: tfjs HWIO -> torch OIHW.
        model[0].weight.copy_(conv1_k.permute(3, 2, 0, 1))
        model[0].bias.copy_(conv1_b)
        model[3].weight.copy_(conv2_k.permute(3, 2, 0, 1))
        model[3].bias.copy_(conv2_b)
        # Dense kernels: [in, out] -> [out, in]; the first one's inputs were flattened from
        # NHWC (5, 5, 64) in tfjs, from NCHW (64, 5, 5) here.
        dense1 = dense1_k.reshape(5, 5, 64, 128).permute(2, 0, 1, 3).reshape(1600, 128)
        model[7].weight.copy_(dense1.t())
        model[7].bias.copy_(dense1_b)
        model[9].weight.copy_(dense2_k.t())
        model[9].bias.copy_(dense2_b)


model = classic()
weights = os.environ.get("DIGITS_FLASK_MODEL")
if weights:
    load_tfjs_weights(model, weights)
else:
    torch.manual_seed(1)
model.eval()

app = Flask(__name__)


def probabilities(batch):
    with torch.no_grad():
        return torch.softmax(model(batch), dim=1)


@app.get("/health")
def health():
    return jsonify({"ready": True, "weights": "digits" if weights else "random"})


@app.post("/predict")
def predict():
    image = Image.open(io.BytesIO(request.get_data())).convert("L")
    if image.size != (28, 28):
        image = image.resize((28, 28))
    pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8).float().div_(255)
    result = probabilities(pixels.view(1, 1, 28, 28))[0]
    return jsonify({"digit": int(result.argmax()), "probabilities": result.tolist()})


@app.post("/v1/models/<name>:predict")
def serving_predict(name):
    instances = torch.tensor(request.get_json()["instances"], dtype=torch.float32)
    result = probabilities(instances.view(-1, 1, 28, 28))
    return jsonify({"predictions": result.tolist()})
