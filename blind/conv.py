import sys
src, out, plain = sys.argv[1:4]
rows=[]
for block in open(src, encoding='utf-8').read().strip().split('\n\n'):
    lines=block.strip().split('\n')
    idea, cat = lines[0].split('|')
    for l in lines[1:]:
        lang, text = l.split(' ',1)
        assert '\t' not in text
        rows.append((idea,lang,cat,text))
with open(out,'w',encoding='utf-8') as f:
    for r in rows: f.write('\t'.join(r)+'\n')
with open(plain,'w',encoding='utf-8') as f:
    for r in rows: f.write(r[3]+'\n')
print(len(rows))
