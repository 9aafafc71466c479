"""CPU of PyYAML composing every YAML file under DIR/*/ with libyaml (CSafeLoader),
which keeps node positions: the comparison in benches/README.md. Benchmark only."""
import sys, os, time, yaml
root = sys.argv[1]
files = []
for d in sorted(os.listdir(root)):
    for f in sorted(os.listdir(os.path.join(root, d))):
        if f.endswith('.yaml'):
            files.append(os.path.join(root, d, f))
t0 = time.process_time()
n = 0
for p in files:
    with open(p, encoding='utf-8') as fh:
        text = fh.read()
    n += len(text.encode())
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
t1 = time.process_time()
print(f"{len(files)} files, {n/1e6:.1f} MB, CPU {t1-t0:.3f} s, {n/1e6/(t1-t0):.1f} MB per CPU-second")
