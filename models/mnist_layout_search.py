#!/usr/bin/python3
"""Searches MNIST CNN layouts matching seed 000's Table I (see README.md).

For 2, 3 and 4 conv layers (3x3 kernels on 28x28, strides 1 or 2, valid or
same padding) and every split of the stated filter total (4, 12, 38) over
the layers, prints the layouts whose "conv operations" equal Table I
(62800, 174000, 375600), per image or per 100 images, under three readings:
Ho*Wo*Cout, Ho*Wo*Cin*Cout and MACs. Then checks Fig. 2's 16/8/3/1 network.
"""
import itertools

TABLE = {2: (4, 62800), 3: (12, 174000), 4: (38, 375600)}


def splits(total, k):
    if k == 1:
        yield (total,)
        return
    for i in range(1, total - k + 2):
        for rest in splits(total - i, k - 1):
            yield (i,) + rest


def counts(filters, strides, pad):
    h, cin, a, b, c = 28, 1, 0, 0, 0
    for f, s in zip(filters, strides):
        h = (h - 3) // s + 1 if pad == "valid" else -(-h // s)
        if h < 1:
            return None
        a += h * h * f
        b += h * h * f * cin
        c += h * h * f * cin * 9
        cin = f
    return {"Ho*Wo*Cout": a, "Ho*Wo*Cin*Cout": b, "MACs": c}


def main():
    hits = {}
    for layers, (total, target) in TABLE.items():
        for fs in splits(total, layers):
            for ss in itertools.product((1, 2), repeat=layers):
                for pad in ("valid", "same"):
                    cnt = counts(fs, ss, pad)
                    for reading, v in (cnt or {}).items():
                        for images in (1, 100):
                            if v * images == target:
                                hits.setdefault((layers, reading, images, pad),
                                                []).append((fs, ss))
    for key, layouts in sorted(hits.items()):
        print("%d layers, %s x %d images, %s padding: %d layouts" % (key + (len(layouts),)))
        for fs, ss in layouts:
            print("   filters %s strides %s" % (fs, ss))
    for ss in itertools.product((1, 2), repeat=4):
        cnt = counts((16, 8, 3, 1), ss, "valid")
        n = cnt["Ho*Wo*Cout"] if cnt else 0
        if n * 100 == TABLE[4][1]:
            print("Fig. 2 network 16/8/3/1 (28 filters), strides %s: %d x 100 = %d"
                  % (ss, n, 100 * n))


if __name__ == "__main__":
    main()
